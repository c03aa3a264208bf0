package io.ember.cli;

import io.ember.EmberModel;
import io.ember.eval.Evaluation;
import io.ember.io.RunFolder;
import io.ember.spark.SparkSetup;
import io.ember.train.TrainConfig;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember evaluate --model DIR --data FILE [--json FILE] [--KEY VALUE]...",
        description = "Evaluate a model on labelled data on Spark: loss and accuracy, per-class precision, recall and "
                + "F1 and the confusion matrix, or MSE, RMSE, MAE and R^2. Data settings default to the model's "
                + "training configuration.")
final class EvaluateCommand implements Callable<Integer>, Main.OutputAware {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "labelled data to evaluate on")
    String data;

    @Option(names = "--json", paramLabel = "FILE", description = "also write every figure as JSON to FILE")
    String json;

    private PrintStream out = System.out;

    static void addConfigOptions(CommandLine cmd) {
        ConfigOptions.addTo(cmd.getCommandSpec(), ConfigOptions::dataOrRuntime);
    }

    @Override
    public void setOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        EmberModel m = EmberModel.load(model);
        TrainConfig config = TrainConfig.parse(m.configAsSettings()
                .overriddenBy(ConfigOptions.given(spec.commandLine().getParseResult())));
        SparkSession spark = SparkSetup.session(config.master, "ember evaluate");
        try {
            Evaluation e = DataFiles.evaluate(JavaSparkContext.fromSparkContext(spark.sparkContext()), m, config, data, out);
            out.printf(Locale.ROOT, "%s (%,d examples): %s%n", data, e.count(), e.oneLine());
            Reports.printDetails(out, e, m);
            if (json != null) {
                java.nio.file.Path p = java.nio.file.Path.of(json).toAbsolutePath();
                new RunFolder(p.getParent().toString()).writeJson(p.getFileName().toString(), e.summary());
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
