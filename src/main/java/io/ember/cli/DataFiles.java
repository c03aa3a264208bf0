package io.ember.cli;

import io.ember.EmberModel;
import io.ember.data.DataBlock;
import io.ember.eval.Evaluation;
import io.ember.spark.DataPipeline;
import io.ember.spark.DataReader;
import io.ember.spark.ParsedData;
import io.ember.spark.SparkEvaluator;
import io.ember.train.TrainConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.PrintStream;

/** Data files read for an existing model: checked against its classes, scaled as it was trained. */
final class DataFiles {
    private DataFiles() {
    }

    /** Reads {@code path} and packs it for {@code model} into cached blocks (caller unpersists). */
    static JavaRDD<DataBlock> blocksFor(JavaSparkContext sc, EmberModel model, TrainConfig config, String path,
                                        PrintStream out) {
        io.ember.spark.SparkJobLabels.label(sc, "ember: read and check " + path);
        ParsedData parsed = ParsedData.check(DataReader.read(sc, path, config, sc.defaultParallelism(),
                DataReader.labelCheck(config, model.labels())), config.skipBadRows, path);
        if (parsed.skippedCount() > 0) {
            out.println("note: " + path + ": " + parsed.skippedNote());
        }
        return DataPipeline.pack(parsed, model.spec().inputSize(), model.labels(), model.encoding(), model.scaler());
    }

    static Evaluation evaluate(JavaSparkContext sc, EmberModel model, TrainConfig config, String path, PrintStream out) {
        JavaRDD<DataBlock> blocks = blocksFor(sc, model, config, path, out);
        try {
            return new SparkEvaluator(sc, blocks, model.spec(), model.encoding(), config.blas)
                    .evaluate(model.parameters());
        } finally {
            blocks.unpersist(false);
        }
    }
}
