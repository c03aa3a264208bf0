package io.ember.ml;

import io.ember.EmberModel;
import io.ember.Keys;
import io.ember.TrainingProgress;
import io.ember.TrainingRun;
import io.ember.config.Config;
import io.ember.config.Settings;
import io.ember.data.DataSettings;
import io.ember.data.LabelMapping;
import io.ember.nn.Activation;
import io.ember.nn.NetworkSettings;
import io.ember.spark.RawSources;
import org.apache.spark.ml.util.MetadataUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import scala.Option;

/** The fit behind both estimators: their Params as Ember settings, then the run the Java API makes. */
final class StageTraining {
    /** Spark's classifiers infer at most this many classes from label values without metadata. */
    static final int MAX_CLASSES_WITHOUT_METADATA = 100;

    private StageTraining() {
    }

    /**
     * Trains on {@code dataset} with the stage's Params (those set; the rest keep Ember's defaults).
     *
     * @param classes a classifier's declared classes 0..k-1, null for a regression
     */
    static EmberModel fit(EmberParams<?> stage, String featuresCol, String labelCol, Dataset<?> dataset,
                          LabelMapping classes, TrainingProgress progress) {
        String origin = stage.uid() + " param";
        Settings settings = ParamDeclarations.toSettings(stage, origin)
                .with(DataSettings.TASK.key(), classes != null ? "classification" : "regression", origin)
                .with(DataSettings.FEATURES_COLUMN.key(), featuresCol, origin + " featuresCol")
                .with(DataSettings.LABEL_COLUMN.key(), labelCol, origin + " labelCol");
        Config config = Keys.parse(settings);
        Activation output = config.get(NetworkSettings.OUTPUT_ACTIVATION);
        if (classes != null && output != null && output.kind() != Activation.Kind.SOFTMAX
                && !(classes.classes() == 2 && (output.kind() == Activation.Kind.SIGMOID
                || output.kind() == Activation.Kind.TANH))) {
            throw config.fail(NetworkSettings.OUTPUT_ACTIVATION, "a classifier's probability column needs outputs "
                    + "that are probabilities: auto, softmax, or sigmoid or tanh for 2 classes (EmberRegressor gives "
                    + "raw outputs)");
        }
        Dataset<Row> rows = dataset.toDF();
        return TrainingRun.fit(SparkSession.active(), config, classes, check -> RawSources.dataFrame(rows,
                labelCol, featuresCol, config.get(DataSettings.WEIGHT_COLUMN),
                config.get(DataSettings.VALIDATION_INDICATOR_COLUMN), check), progress);
    }

    /**
     * The number of classes k of a label column of class indices 0..k-1: from the column's ML
     * metadata (StringIndexer writes it), else 1 + the largest label, after checking that every
     * label is a whole number >= 0.
     */
    static int classCount(Dataset<?> dataset, String labelCol) {
        return classCount(dataset, labelCol, MAX_CLASSES_WITHOUT_METADATA);
    }

    private static int classCount(Dataset<?> dataset, String labelCol, int maxWithoutMetadata) {
        Option<Object> declared = MetadataUtils.getNumClasses(dataset.schema().apply(labelCol));
        if (declared.isDefined()) {
            return (Integer) declared.get();
        }
        Column label = functions.col(labelCol);
        Row r = dataset.agg(functions.max(label), functions.min(functions.when(label.notEqual(functions.floor(label))
                .or(label.lt(0)).or(label.isNaN()), label))).first();
        if (r.isNullAt(0)) {
            throw new IllegalArgumentException("label column " + labelCol + " has no rows to learn classes from");
        }
        if (!r.isNullAt(1)) {
            throw new IllegalArgumentException("label column " + labelCol + " holds label " + LabelMapping.format(
                    r.getDouble(1)) + ": a classifier's labels are class indices 0, 1, ..., k-1 (StringIndexer "
                    + "makes them from any labels)");
        }
        double max = r.getDouble(0);
        if (max + 1 > maxWithoutMetadata) {
            throw new IllegalArgumentException("label column " + labelCol + " holds label " + LabelMapping.format(max)
                    + ", so " + LabelMapping.format(max + 1) + " classes; more than " + maxWithoutMetadata
                    + " need the column's metadata (StringIndexer writes it), as in Spark's classifiers");
        }
        return (int) max + 1;
    }

    /** Classes 0..k-1, as StringIndexer makes them. */
    static LabelMapping indexed(int k) {
        double[] labels = new double[k];
        for (int c = 0; c < k; c++) {
            labels[c] = c;
        }
        return new LabelMapping(labels);
    }
}
