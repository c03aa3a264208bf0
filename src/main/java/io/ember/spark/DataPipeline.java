package io.ember.spark;

import io.ember.EmberModel;
import io.ember.data.DataBlock;
import io.ember.data.DataException;
import io.ember.data.FeatureScaler;
import io.ember.data.FeatureStats;
import io.ember.data.LabelMapping;
import io.ember.data.RawRows;
import io.ember.data.TargetEncoding;
import io.ember.nn.NetworkSpec;
import io.ember.train.TrainConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * From parsed rows to cached blocks: check, size the network from the data (features, classes),
 * balance partitions, split off validation rows, fit scaling on the training rows, encode
 * targets and pack. Each data set is read once; every step after parsing runs on cached rows.
 */
public final class DataPipeline {
    private DataPipeline() {
    }

    /**
     * Prepares training data. {@code validationRaw} may be null (then validation-fraction applies);
     * with {@code init}, its input width, classes and scaling are kept so its weights still fit.
     */
    public static PreparedData prepare(JavaSparkContext sc, TrainConfig config, JavaRDD<RawRows> trainRaw,
                                       JavaRDD<RawRows> validationRaw, EmberModel init) {
        int partitions = SparkResources.partitions(sc, config);
        ParsedData parsed = ParsedData.check(trainRaw, config.skipBadRows, "training data " + config.data);
        List<String> notes = new ArrayList<>();
        if (parsed.skippedCount() > 0) {
            notes.add("training data: " + parsed.skippedNote());
        }
        try {
            int features = init != null ? init.spec().inputSize()
                    : config.numFeatures > 0 ? config.numFeatures : parsed.width();
            if (parsed.width() > features) {
                throw new DataException("training data has " + parsed.width() + " features, more than the "
                        + features + (init != null ? " of the init model" : " of num-features"));
            }
            boolean classification = config.task == TrainConfig.Task.CLASSIFICATION;
            LabelMapping labels = null;
            if (classification) {
                labels = init != null && init.labels() != null ? init.labels() : LabelMapping.of(parsed.labels());
                if (labels.classes() < 2) {
                    throw new DataException("training data has a single class " + labels + ": classification needs "
                            + "at least two");
                }
            }
            NetworkSpec spec = config.network(features, classification ? labels.classes() : 1);
            if (init != null) {
                checkSameShape(spec, init.spec());
            }
            TargetEncoding encoding = classification
                    ? TargetEncoding.classification(labels.classes(), spec.outputSize(), spec.output().activation())
                    : TargetEncoding.regression(1);
            JavaRDD<RawRows> rows = parsed.balanced(partitions);
            boolean split = validationRaw == null && config.validationFraction > 0;
            RawRows.RowFilter trainRows = split ? new ValidationSplit(config.seed, config.validationFraction, false) : null;
            FeatureScaler scaler = init != null ? init.scaler() : fitScaler(config, rows, features, trainRows);

            LabelMapping l = labels;
            JavaRDD<DataBlock> train = rows.map(r -> r.pack(features, l, encoding, scaler, trainRows))
                    .persist(StorageLevel.MEMORY_ONLY()).setName("ember training blocks");
            long[] trainCounts = train.map(b -> (long) b.rows()).collect().stream().mapToLong(Long::longValue).toArray();
            JavaRDD<DataBlock> validation = null;
            long validationCount = 0;
            if (split) {
                ValidationSplit held = new ValidationSplit(config.seed, config.validationFraction, true);
                validation = rows.map(r -> r.pack(features, l, encoding, scaler, held))
                        .persist(StorageLevel.MEMORY_ONLY()).setName("ember validation blocks");
            } else if (validationRaw != null) {
                ParsedData v = ParsedData.check(validationRaw, config.skipBadRows, "validation data " + config.validation);
                if (v.skippedCount() > 0) {
                    notes.add("validation data: " + v.skippedNote());
                }
                validation = pack(v, features, labels, encoding, scaler);
            }
            if (validation != null) {
                validationCount = validation.map(b -> (long) b.rows()).reduce(Long::sum);
                if (validationCount == 0) {
                    throw new DataException("validation split is empty: raise validation-fraction");
                }
            }
            return new PreparedData(train, trainCounts, validation, validationCount, spec, labels, encoding, scaler, notes);
        } finally {
            parsed.unpersist();
        }
    }

    /** Packs checked rows for an existing network (validation, evaluation, prediction); blocks are cached. */
    public static JavaRDD<DataBlock> pack(ParsedData parsed, int features, LabelMapping labels, TargetEncoding encoding,
                                          FeatureScaler scaler) {
        if (parsed.width() > features) {
            throw new DataException("data has " + parsed.width() + " features, the model takes " + features);
        }
        JavaRDD<DataBlock> blocks = parsed.rows().map(r -> r.pack(features, labels, encoding, scaler, null))
                .persist(StorageLevel.MEMORY_ONLY());
        blocks.count();
        parsed.unpersist();
        return blocks;
    }

    private static FeatureScaler fitScaler(TrainConfig config, JavaRDD<RawRows> rows, int features,
                                           RawRows.RowFilter keep) {
        if (config.scale == TrainConfig.Scaling.NONE) {
            return null;
        }
        FeatureStats stats = rows.map(r -> new FeatureStats(features).add(r, keep)).reduce(FeatureStats::merge);
        return FeatureScaler.fit(config.scale.name().toLowerCase(java.util.Locale.ROOT), stats);
    }

    private static void checkSameShape(NetworkSpec configured, NetworkSpec init) {
        boolean same = configured.inputSize() == init.inputSize() && configured.layerCount() == init.layerCount();
        for (int l = 0; same && l < configured.layerCount(); l++) {
            same = configured.layer(l).units() == init.layer(l).units()
                    && configured.layer(l).activation().equals(init.layer(l).activation());
        }
        if (!same) {
            throw new DataException("init model has the network " + init + " but the configuration gives "
                    + configured + "; set layers (and output-activation) to match the init model");
        }
    }
}
