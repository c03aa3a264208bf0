package io.ember.spark;

import io.ember.config.Config;
import io.ember.data.DataBlock;
import io.ember.data.DataSettings;
import io.ember.data.LabelMapping;
import io.ember.eval.Evaluation;
import io.ember.model.Model;
import io.ember.spark.DataPipeline;
import io.ember.spark.DataReader;
import io.ember.spark.ParsedData;
import io.ember.spark.SparkEvaluator;
import io.ember.spark.SparkSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.function.Consumer;

/** Data files read for a model: checked against its classes and input width, scaled as it was trained. */
public final class ScoringData {
    private ScoringData() {
    }

    /**
     * Reads and checks {@code path} for a model with {@code labels} (null: regression) and
     * {@code inputSize} features; the parsed rows stay cached until the caller unpersists them.
     */
    public static ParsedData parse(JavaSparkContext sc, Config config, String path, LabelMapping labels,
                                   int inputSize, Consumer<String> notes) {
        ParsedData parsed = ParsedData.check(DataReader.read(sc, path, config, sc.defaultParallelism(),
                DataReader.labelCheck(config, labels)), config.get(DataSettings.SKIP_BAD_ROWS), path);
        try {
            DataPipeline.checkWidth(parsed, inputSize, path, "the model's input");
        } catch (RuntimeException e) {
            parsed.unpersist();
            throw e;
        }
        if (parsed.skippedCount() > 0) {
            notes.accept(path + ": " + parsed.skippedNote());
        }
        return parsed;
    }

    /** Reads {@code path} and packs it for {@code model} into cached blocks (caller unpersists). */
    public static JavaRDD<DataBlock> blocksFor(JavaSparkContext sc, Model model, Config config, String path,
                                               Consumer<String> notes) {
        SparkJobLabels.label(sc, "ember: read and check " + path);
        return pack(parse(sc, config, path, model.labels(), model.spec().inputSize(), notes), model);
    }

    private static JavaRDD<DataBlock> pack(ParsedData parsed, Model model) {
        return DataPipeline.pack(parsed, model.spec().inputSize(), model.labels(), model.encoding(), model.scaler());
    }

    /** Evaluates {@code model} on checked rows (released afterwards). */
    public static Evaluation evaluate(JavaSparkContext sc, Model model, Config config, ParsedData parsed) {
        JavaRDD<DataBlock> blocks = pack(parsed, model);
        try {
            return new SparkEvaluator(sc, blocks, model.spec(), model.encoding(), SparkSettings.blas(config))
                    .evaluate(model.params());
        } finally {
            blocks.unpersist(false);
        }
    }

    public static Evaluation evaluate(JavaSparkContext sc, Model model, Config config, String path,
                                      Consumer<String> notes) {
        SparkJobLabels.label(sc, "ember: read and check " + path);
        return evaluate(sc, model, config, parse(sc, config, path, model.labels(), model.spec().inputSize(), notes));
    }
}
