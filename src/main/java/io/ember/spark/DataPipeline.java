package io.ember.spark;

import io.ember.config.Config;
import io.ember.data.DataBlock;
import io.ember.data.DataException;
import io.ember.data.DataSettings;
import io.ember.data.FeatureScaler;
import io.ember.data.FeatureStats;
import io.ember.data.InputForm;
import io.ember.data.LabelMapping;
import io.ember.data.RawRows;
import io.ember.data.TargetEncoding;
import io.ember.model.Model;
import io.ember.nn.NetworkSpec;
import io.ember.optim.Optimizers;
import io.ember.train.LoopSettings;
import io.ember.train.MemoryEstimate;
import io.ember.train.Networks;
import io.ember.train.ResourceException;
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
    public static PreparedData prepare(JavaSparkContext sc, Config config, JavaRDD<RawRows> trainRaw,
                                       JavaRDD<RawRows> validationRaw, Model init) {
        return prepare(sc, config, trainRaw, validationRaw, init, null);
    }

    /**
     * Prepares training data whose classes are declared ({@code classes}, e.g. 0..k-1 from a Spark ML
     * label column's metadata) rather than found in the rows: a class may then have no training row.
     */
    public static PreparedData prepare(JavaSparkContext sc, Config config, JavaRDD<RawRows> trainRaw,
                                       JavaRDD<RawRows> validationRaw, Model init, LabelMapping classes) {
        int partitions = SparkResources.partitions(sc, config);
        boolean skipBadRows = config.get(DataSettings.SKIP_BAD_ROWS);
        int numFeatures = config.get(DataSettings.NUM_FEATURES);
        String source = config.get(DataSettings.DATA);
        String what = "training data " + (source.isEmpty() ? "(the DataFrame's features column)" : source);
        ParsedData parsed = ParsedData.check(trainRaw, skipBadRows, what);
        ParsedData validationParsed = null;
        List<String> notes = new ArrayList<>();
        if (parsed.skippedCount() > 0) {
            notes.add("training data: " + parsed.skippedNote());
        }
        try {
            if (validationRaw != null) {
                validationParsed = ParsedData.check(validationRaw, skipBadRows, "validation data "
                        + config.get(DataSettings.VALIDATION));
                if (validationParsed.skippedCount() > 0) {
                    notes.add("validation data: " + validationParsed.skippedNote());
                }
            }
            int features = init != null ? init.spec().inputSize() : numFeatures > 0 ? numFeatures : parsed.width();
            checkWidth(parsed, features, what,
                    init != null ? "the init model's input" : numFeatures > 0 ? "num-features" : null);
            boolean classification = config.get(DataSettings.TASK) == DataSettings.Task.CLASSIFICATION;
            LabelMapping labels = null;
            if (classification) {
                labels = init != null && init.labels() != null ? init.labels()
                        : classes != null ? classes : LabelMapping.of(parsed.labels());
                if (labels.classes() < 2) {
                    throw new DataException("training data has a single class " + labels + ": classification needs "
                            + "at least two");
                }
            }
            if (validationParsed != null) {
                checkWidth(validationParsed, features, "validation data " + config.get(DataSettings.VALIDATION),
                        "the training data");
                String unknown = classification ? validationParsed.firstUnknownLabel(labels) : null;
                if (unknown != null) {
                    throw new DataException(unknown + ": label is not one of the training data's classes " + labels);
                }
            }
            NetworkSpec spec = Networks.of(config, features, classification ? labels.classes() : 1);
            if (init != null) {
                checkSameShape(spec, init.spec());
            }
            double fraction = config.get(DataSettings.VALIDATION_FRACTION);
            long seed = config.get(LoopSettings.SEED);
            boolean byIndicator = !config.get(DataSettings.VALIDATION_INDICATOR_COLUMN).isEmpty();
            boolean split = validationRaw == null && (fraction > 0 || byIndicator);
            long heldOut = byIndicator ? parsed.marked() : split ? Math.round(parsed.count() * fraction)
                    : validationParsed != null ? validationParsed.count() : 0;
            boolean scaled = config.get(DataSettings.SCALE) != DataSettings.Scaling.NONE
                    || (init != null && init.scaler() != null);
            DataSettings.InputFormat format = config.get(DataSettings.INPUT_FORMAT);
            boolean sparse = InputForm.sparse(format, parsed.count(), features, parsed.nonZeros(), scaled, what);
            if (sparse && scaled) {
                throw new DataException("the init model scales its inputs, and sparse rows cannot be scaled: set "
                        + "input-format = dense or auto");
            }
            try {
                checkMemory(sc, config, spec, parsed.count() - (split ? heldOut : 0), heldOut,
                        Math.max(parsed.bytesPerRow(), validationParsed == null ? 0 : validationParsed.bytesPerRow()),
                        partitions, sparse ? parsed.nonZeros() / (double) parsed.count() : -1);
            } catch (ResourceException e) {
                if (format == DataSettings.InputFormat.DENSE && InputForm.density(parsed.count(), features,
                        parsed.nonZeros()) < InputForm.AUTO_SPARSE_BELOW) {
                    throw new DataException(InputForm.forcedDense(what, parsed.count(), features, parsed.nonZeros())
                            + ". " + e.getMessage());
                }
                throw e;
            }
            if (!sparse && (parsed.count() + partitions - 1) / partitions * (long) features > Integer.MAX_VALUE - 16) {
                String prefix = InputForm.density(parsed.count(), features, parsed.nonZeros())
                        < InputForm.AUTO_SPARSE_BELOW ? InputForm.forcedDense(what, parsed.count(), features,
                        parsed.nonZeros()) + (scaled ? " and scale = none" : "") + "; or " : "";
                throw new DataException(prefix + String.format(java.util.Locale.ROOT, "%,d rows x %,d features per "
                        + "partition do not fit one dense block (2^31 values): use more partitions",
                        (parsed.count() + partitions - 1) / partitions, features));
            }
            TargetEncoding encoding = classification
                    ? TargetEncoding.classification(labels.classes(), spec.outputSize(), spec.output().activation())
                    : TargetEncoding.regression(1);
            JavaRDD<RawRows> rows = parsed.balanced(partitions);
            RawRows.RowFilter trainRows = byIndicator ? ValidationSplit.byIndicator(false)
                    : split ? new ValidationSplit(seed, fraction, false) : null;
            FeatureScaler scaler = init != null ? init.scaler() : fitScaler(config, rows, features, trainRows);

            LabelMapping l = labels;
            JavaRDD<DataBlock> train = rows.mapPartitions(it -> packPartition(it, sparse, features, l, encoding, scaler,
                    trainRows))
                    .persist(StorageLevel.MEMORY_ONLY()).setName("ember training blocks");
            List<long[]> blockFacts = train.map(b -> new long[] {b.rows(), b.nonZeros(), b.csrBytes()}).collect();
            long[] trainCounts = blockFacts.stream().mapToLong(f -> f[0]).toArray();
            JavaRDD<DataBlock> validation = null;
            long validationCount = 0;
            if (split) {
                RawRows.RowFilter held = byIndicator ? ValidationSplit.byIndicator(true)
                        : new ValidationSplit(seed, fraction, true);
                validation = rows.mapPartitions(it -> packPartition(it, sparse, features, l, encoding, scaler, held))
                        .persist(StorageLevel.MEMORY_ONLY()).setName("ember validation blocks");
            } else if (validationParsed != null) {
                validation = packRows(validationParsed, sparse, features, labels, encoding, scaler);
            }
            if (validation != null) {
                validationCount = validation.map(b -> (long) b.rows()).reduce(Long::sum);
                if (validationCount == 0) {
                    throw new DataException(byIndicator ? "the validation indicator column marks no row"
                            : "validation split is empty: raise validation-fraction");
                }
            }
            PreparedData prepared = new PreparedData(train, trainCounts, validation, validationCount, spec, labels,
                    encoding, scaler, notes);
            if (sparse) {
                prepared.sparse = true;
                prepared.nonZeros = blockFacts.stream().mapToLong(f -> f[1]).sum();
                prepared.csrBytes = blockFacts.stream().mapToLong(f -> f[2]).sum();
            }
            return prepared;
        } finally {
            parsed.unpersist();
            if (validationParsed != null) {
                validationParsed.unpersist();
            }
        }
    }

    /**
     * Refuses a run that cannot fit its memory, before anything big is allocated (the message gives
     * the estimate and what to change).
     */
    private static void checkMemory(JavaSparkContext sc, Config config, NetworkSpec spec, long trainRows,
                                    long validationRows, double bytesPerRow, int partitions, double nonZerosPerRow) {
        int threads = SparkResources.taskThreads(sc, config, partitions);
        MemoryEstimate estimate = MemoryEstimate.training(spec, trainRows, validationRows, bytesPerRow, partitions,
                Math.min(partitions, SparkResources.executors(sc)), threads,
                LoopSettings.maxGlobalBatch(config, partitions), Optimizers.slots(config),
                config.get(LoopSettings.PATIENCE) > 0, TreeSum.depth(config.get(SparkSettings.TREE_DEPTH), partitions),
                nonZerosPerRow, config.get(SparkSettings.TRANSPORT) == SparkSettings.Transport.BF16);
        String problem = estimate.problem(SparkResources.memoryBudget(sc));
        if (problem != null) {
            throw new ResourceException(problem);
        }
    }

    /**
     * Data whose rows declare their width (CSV, IDX, vectors) must have exactly the width of what
     * they are given to ({@code against}, null when the data itself sets the width); LIBSVM rows may
     * be narrower (their largest index), never wider.
     */
    public static void checkWidth(ParsedData data, int features, String what, String against) {
        if (data.width() > features) {
            throw new DataException(what + " has " + data.width() + " features, more than the " + features + " of "
                    + (against == null ? "the model" : against));
        }
        if (against != null && data.fixedWidth() && data.width() != features) {
            throw new DataException(what + " has " + data.width() + " features, fewer than the " + features + " of "
                    + against + "; every row must have exactly " + features);
        }
    }

    /**
     * Packs checked rows for an existing network (evaluation, prediction): the width must fit the
     * model's input; blocks are cached and counted, the parsed rows released.
     */
    public static JavaRDD<DataBlock> pack(ParsedData parsed, int features, LabelMapping labels, TargetEncoding encoding,
                                          FeatureScaler scaler) {
        try {
            checkWidth(parsed, features, "the data", "the model's input");
        } catch (DataException e) {
            parsed.unpersist();
            throw e;
        }
        boolean sparse = scaler == null && InputForm.density(parsed.count(), features, parsed.nonZeros())
                < InputForm.AUTO_SPARSE_BELOW;
        return packRows(parsed, sparse, features, labels, encoding, scaler);
    }

    /**
     * One block of a partition's parsed rows: usually one piece; several when their values exceed one
     * array, joined as the chunks of one sparse block (dense rows must fit one array: joining them fails
     * with the row counts).
     */
    static java.util.Iterator<DataBlock> packPartition(java.util.Iterator<RawRows> pieces, boolean sparse,
                                                               int features, LabelMapping labels,
                                                               TargetEncoding encoding, FeatureScaler scaler,
                                                               RawRows.RowFilter keep) {
        List<RawRows> all = new ArrayList<>();
        pieces.forEachRemaining(all::add);
        DataBlock block;
        if (all.size() == 1) {
            block = pack(all.get(0), sparse, features, labels, encoding, scaler, keep);
        } else if (sparse) {
            List<DataBlock> parts = new ArrayList<>();
            for (RawRows r : all) {
                parts.add(pack(r, true, features, labels, encoding, scaler, keep));
            }
            block = DataBlock.concatSparse(parts);
        } else {
            block = pack(RawRows.concat(all), false, features, labels, encoding, scaler, keep);
        }
        return java.util.Collections.singletonList(block).iterator();
    }

    /** Packs {@code r} sparse (no scaling then) or dense. */
    private static DataBlock pack(RawRows r, boolean sparse, int features, LabelMapping labels,
                                  TargetEncoding encoding, FeatureScaler scaler, RawRows.RowFilter keep) {
        return sparse ? r.packSparse(features, labels, encoding, keep, RawRows.MAX_CHUNK_VALUES)
                : r.pack(features, labels, encoding, scaler, keep);
    }

    private static JavaRDD<DataBlock> packRows(ParsedData parsed, boolean sparse, int features, LabelMapping labels,
                                               TargetEncoding encoding, FeatureScaler scaler) {
        JavaRDD<DataBlock> blocks = parsed.rows().map(r -> pack(r, sparse, features, labels, encoding, scaler, null))
                .persist(StorageLevel.MEMORY_ONLY());
        blocks.count();
        parsed.unpersist();
        return blocks;
    }

    private static FeatureScaler fitScaler(Config config, JavaRDD<RawRows> rows, int features,
                                           RawRows.RowFilter keep) {
        DataSettings.Scaling scale = config.get(DataSettings.SCALE);
        if (scale == DataSettings.Scaling.NONE) {
            return null;
        }
        FeatureStats stats = rows.map(r -> new FeatureStats(features).add(r, keep)).reduce(FeatureStats::merge);
        return FeatureScaler.fit(scale.name().toLowerCase(java.util.Locale.ROOT), stats);
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
