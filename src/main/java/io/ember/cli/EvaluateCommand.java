package io.ember.cli;

import io.ember.config.Config;
import io.ember.eval.Evaluation;
import io.ember.io.FileIO;
import io.ember.io.OutputGuard;
import io.ember.model.Model;
import io.ember.spark.ScoringData;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkSetup;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember evaluate --model DIR --data FILE [--json FILE] [--KEY VALUE]...",
        description = "Evaluate a model on labelled data on Spark: loss and accuracy, per-class precision, recall and "
                + "F1 and the confusion matrix, or MSE, RMSE, MAE and R^2. Data settings default to the model's "
                + "training configuration.")
final class EvaluateCommand extends ModelCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "labelled data to evaluate on")
    String data;

    @Option(names = "--json", paramLabel = "FILE", description = "also write every figure as JSON to FILE")
    String json;

    @Option(names = "--overwrite", description = "replace an existing --json file")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        org.apache.hadoop.conf.Configuration hadoop = SparkSetup.hadoopConfiguration();
        if (json != null) {
            OutputGuard.check("--json", json, OutputGuard.Kind.FILE, overwrite, java.util.List.of(data, model), hadoop);
        }
        Model m = loadModel();
        Config config = config(m);
        io.ember.spark.DataReader.checkExists("--data", data, false, hadoop);
        SparkSession spark = SparkSetup.session(config.get(SparkSettings.MASTER), "ember evaluate");
        try {
            Evaluation e = ScoringData.evaluate(JavaSparkContext.fromSparkContext(spark.sparkContext()), m, config, data,
                    n -> out.println("note: " + n));
            out.printf(Locale.ROOT, "%s (%,d examples): %s%n", data, e.count(), e.oneLine());
            Reports.printDetails(out, e, m);
            if (json != null) {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(json);
                FileIO.writeFileAtomically(FileIO.fileSystem(p, hadoop), p, new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(e.summary()));
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
