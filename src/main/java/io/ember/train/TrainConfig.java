package io.ember.train;

import io.ember.linalg.Blas;
import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import io.ember.optim.Adam;
import io.ember.optim.LearningRate;
import io.ember.optim.Optimizer;
import io.ember.optim.Regularization;
import io.ember.optim.Schedules;
import io.ember.optim.Sgd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The complete, validated training configuration: an immutable value built from
 * {@link Settings}. Every error names the origin (file and line, or command line), the key
 * and the value. {@link #resolved()} gives back every key with its effective value, which is
 * what a model file stores.
 */
public final class TrainConfig {

    public enum Task { CLASSIFICATION, REGRESSION }

    public enum Scaling { NONE, STANDARDIZE, MINMAX }

    public enum OptimizerKind { SGD, ADAM, ADAMW }

    public enum ScheduleKind { CONSTANT, STEP, EXPONENTIAL, CYCLICAL, COSINE }

    private final Map<String, String> resolved;

    // data
    public final String data;
    public final String format;
    public final String validation;
    public final double validationFraction;
    public final String test;
    public final int numFeatures;
    public final String labelColumn;
    public final String featuresColumn;
    public final boolean csvHeader;
    public final Task task;
    public final Scaling scale;
    public final boolean skipBadRows;
    // network
    public final List<LayerSpec> hiddenLayers;
    public final Activation outputActivation;
    public final Loss loss;
    public final Set<Integer> freeze;
    public final String init;
    // optimizer
    public final OptimizerKind optimizer;
    public final double lr;
    public final float momentum;
    public final float dampening;
    public final boolean nesterov;
    public final float beta1;
    public final float beta2;
    public final float eps;
    public final float weightDecay;
    public final float l1;
    public final float l2;
    public final boolean decayBias;
    public final double clipNorm;
    public final double divergenceFactor;
    // schedule
    public final ScheduleKind schedule;
    private final Double gamma;
    public final StepLength stepSize;
    private final Double maxLr;
    public final Schedules.CyclicalMode cycleMode;
    public final double minLr;
    private final StepLength period;
    public final StepLength warmup;
    // loop
    public final int epochs;
    public final long maxSteps;
    public final int batchSize;
    public final int partitionBatchSize;
    public final NavigableMap<Integer, Integer> batchSchedule;
    public final long seed;
    public final boolean shuffle;
    public final int patience;
    public final String earlyStopMetric;
    // spark and runtime
    public final String master;
    public final int partitions;
    public final int taskThreads;
    public final int treeDepth;
    public final String blas;
    public final boolean deterministic;
    // output
    public final String outputDir;
    public final long checkpointSteps;
    public final int checkpointEpochs;
    public final int keepCheckpoints;

    private TrainConfig(Settings settings) {
        Reader r = new Reader(settings);
        resolved = r.resolved();
        data = r.raw(ConfigKey.DATA);
        format = r.choice(ConfigKey.FORMAT, "auto", "libsvm", "csv", "idx");
        validation = r.raw(ConfigKey.VALIDATION);
        validationFraction = r.doubleIn(ConfigKey.VALIDATION_FRACTION, 0, 1, false);
        test = r.raw(ConfigKey.TEST);
        numFeatures = r.intAtLeast(ConfigKey.NUM_FEATURES, 0);
        labelColumn = r.nonEmpty(ConfigKey.LABEL_COLUMN);
        featuresColumn = r.nonEmpty(ConfigKey.FEATURES_COLUMN);
        csvHeader = r.bool(ConfigKey.CSV_HEADER);
        task = r.enumValue(ConfigKey.TASK, Task.class);
        scale = r.enumValue(ConfigKey.SCALE, Scaling.class);
        skipBadRows = r.bool(ConfigKey.SKIP_BAD_ROWS);

        float dropout = (float) r.doubleIn(ConfigKey.DROPOUT, 0, 1, false);
        hiddenLayers = r.parse(ConfigKey.LAYERS, text -> parseLayers(text, dropout));
        String out = r.raw(ConfigKey.OUTPUT_ACTIVATION);
        outputActivation = out.equalsIgnoreCase("auto") ? null : r.parse(ConfigKey.OUTPUT_ACTIVATION, Activation::parse);
        String lossText = r.raw(ConfigKey.LOSS);
        loss = lossText.equalsIgnoreCase("auto") ? null : r.parse(ConfigKey.LOSS, Loss::parse);
        if (task == Task.REGRESSION && outputActivation != null
                && outputActivation.kind() == Activation.Kind.SOFTMAX) {
            throw r.fail(ConfigKey.OUTPUT_ACTIVATION, "softmax over the single output unit of a regression is "
                    + "always 1; use identity (the default), sigmoid, tanh or relu");
        }
        freeze = r.parse(ConfigKey.FREEZE, TrainConfig::parseIndices);
        init = r.raw(ConfigKey.INIT);

        optimizer = r.enumValue(ConfigKey.OPTIMIZER, OptimizerKind.class);
        lr = r.positive(ConfigKey.LR);
        momentum = (float) r.doubleIn(ConfigKey.MOMENTUM, 0, 1, false);
        dampening = (float) r.doubleIn(ConfigKey.DAMPENING, 0, 1, true);
        nesterov = r.bool(ConfigKey.NESTEROV);
        beta1 = (float) r.doubleIn(ConfigKey.BETA1, 0, 1, false);
        beta2 = (float) r.doubleIn(ConfigKey.BETA2, 0, 1, false);
        eps = (float) r.positive(ConfigKey.EPS);
        weightDecay = (float) r.doubleAtLeast(ConfigKey.WEIGHT_DECAY, 0);
        l1 = (float) r.doubleAtLeast(ConfigKey.L1, 0);
        l2 = (float) r.doubleAtLeast(ConfigKey.L2, 0);
        decayBias = r.bool(ConfigKey.DECAY_BIAS);
        clipNorm = r.doubleAtLeast(ConfigKey.CLIP_NORM, 0);
        divergenceFactor = r.doubleAtLeast(ConfigKey.DIVERGENCE_FACTOR, 0);
        if (divergenceFactor > 0 && divergenceFactor <= 1) {
            throw r.fail(ConfigKey.DIVERGENCE_FACTOR, "must be 0 (off) or > 1");
        }
        if (nesterov && (optimizer != OptimizerKind.SGD || momentum == 0f || dampening != 0f)) {
            throw r.fail(ConfigKey.NESTEROV, "nesterov needs optimizer = sgd, momentum > 0 and dampening = 0");
        }
        if (optimizer != OptimizerKind.SGD && r.isSet(ConfigKey.MOMENTUM) && momentum != 0f) {
            throw r.fail(ConfigKey.MOMENTUM, "momentum is an sgd setting; " + optimizer.name().toLowerCase(Locale.ROOT)
                    + " uses beta1");
        }
        if (optimizer != OptimizerKind.ADAMW && r.isSet(ConfigKey.WEIGHT_DECAY)) {
            throw r.fail(ConfigKey.WEIGHT_DECAY, "weight-decay is AdamW's decoupled decay; with sgd or adam use "
                    + "l2, which matches PyTorch's weight_decay for those optimizers");
        }

        schedule = r.enumValue(ConfigKey.SCHEDULE, ScheduleKind.class);
        gamma = r.isBlank(ConfigKey.GAMMA) ? null : r.positive(ConfigKey.GAMMA);
        if (gamma != null && gamma > 1) {
            throw r.fail(ConfigKey.GAMMA, "must be in (0, 1]: a factor above 1 makes the learning rate grow without "
                    + "bound");
        }
        stepSize = r.parse(ConfigKey.STEP_SIZE, StepLength::parse);
        maxLr = r.isBlank(ConfigKey.MAX_LR) ? null : r.positive(ConfigKey.MAX_LR);
        cycleMode = r.enumValue(ConfigKey.CYCLE_MODE, Schedules.CyclicalMode.class);
        minLr = r.doubleAtLeast(ConfigKey.MIN_LR, 0);
        period = r.isBlank(ConfigKey.PERIOD) ? null : r.parse(ConfigKey.PERIOD, StepLength::parse);
        warmup = r.parse(ConfigKey.WARMUP, StepLength::parse);
        if (maxLr != null && maxLr < lr) {
            throw r.fail(ConfigKey.MAX_LR, "max-lr must be >= lr (" + lr + ")");
        }
        if (minLr > lr) {
            throw r.fail(ConfigKey.MIN_LR, "min-lr must be <= lr (" + lr + ")");
        }
        double peakLr = schedule == ScheduleKind.CYCLICAL && maxLr != null ? maxLr
                : schedule == ScheduleKind.CYCLICAL ? 10 * lr : lr;
        if (optimizer == OptimizerKind.ADAMW && peakLr * weightDecay >= 1) {
            throw r.fail(ConfigKey.WEIGHT_DECAY, "AdamW multiplies the weights by 1 - lr x weight-decay each step, "
                    + "which must stay above 0: lr x weight-decay = " + peakLr * weightDecay);
        }

        epochs = r.intAtLeast(ConfigKey.EPOCHS, 1);
        if (epochs > MAX_EPOCHS) {
            throw r.fail(ConfigKey.EPOCHS, "must be at most " + MAX_EPOCHS);
        }
        maxSteps = r.longAtLeast(ConfigKey.MAX_STEPS, 0);
        batchSize = r.intAtLeast(ConfigKey.BATCH_SIZE, 1);
        partitionBatchSize = r.intAtLeast(ConfigKey.PARTITION_BATCH_SIZE, 0);
        batchSchedule = r.parse(ConfigKey.BATCH_SCHEDULE, TrainConfig::parseBatchSchedule);
        if (partitionBatchSize > 0 && r.isSet(ConfigKey.BATCH_SIZE)) {
            throw r.fail(ConfigKey.PARTITION_BATCH_SIZE, "set either batch-size (global) or partition-batch-size, "
                    + "not both");
        }
        seed = r.longAtLeast(ConfigKey.SEED, Long.MIN_VALUE);
        shuffle = r.bool(ConfigKey.SHUFFLE);
        patience = r.intAtLeast(ConfigKey.PATIENCE, 0);
        earlyStopMetric = r.choice(ConfigKey.EARLY_STOP_METRIC, "loss", "accuracy", "f1", "rmse", "mae", "r2");
        boolean classificationMetric = earlyStopMetric.equals("accuracy") || earlyStopMetric.equals("f1");
        boolean regressionMetric = earlyStopMetric.equals("rmse") || earlyStopMetric.equals("mae")
                || earlyStopMetric.equals("r2");
        if ((task == Task.REGRESSION && classificationMetric) || (task == Task.CLASSIFICATION && regressionMetric)) {
            throw r.fail(ConfigKey.EARLY_STOP_METRIC, "not a " + task.name().toLowerCase(Locale.ROOT) + " metric");
        }

        master = r.raw(ConfigKey.MASTER);
        if (!master.isEmpty() && !isMasterUrl(master)) {
            throw r.fail(ConfigKey.MASTER, "not a Spark master: expected local, local[N], local[*], local[N,F], "
                    + "local-cluster[N,C,M], spark://HOST:PORT, yarn, k8s://URL or mesos://URL, with N >= 1");
        }
        partitions = r.intAtLeast(ConfigKey.PARTITIONS, 0);
        taskThreads = r.intAtLeast(ConfigKey.TASK_THREADS, 0);
        treeDepth = r.intAtLeast(ConfigKey.TREE_DEPTH, 0);
        deterministic = r.bool(ConfigKey.DETERMINISTIC);
        String chosen = r.choice(ConfigKey.BLAS, Blas.NAMES.toArray(new String[0]));
        // Deterministic runs pin one backend everywhere: auto could pick native BLAS on some executors only.
        blas = deterministic && chosen.equals(Blas.AUTO)
                ? (Blas.vectorApiAvailable() ? "ember-vector" : "netlib-java") : chosen;

        outputDir = r.nonEmpty(ConfigKey.OUTPUT_DIR);
        checkpointSteps = r.longAtLeast(ConfigKey.CHECKPOINT_STEPS, 0);
        checkpointEpochs = r.intAtLeast(ConfigKey.CHECKPOINT_EPOCHS, 0);
        keepCheckpoints = r.intAtLeast(ConfigKey.KEEP_CHECKPOINTS, 1);
    }

    /** Epochs at most: the plan keeps a few numbers per epoch. */
    static final int MAX_EPOCHS = 1_000_000;

    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?]|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*]"
                    + "|spark://[^,/\\s]+:[0-9]+(,[^,/\\s]+:[0-9]+)*|yarn|(k8s|mesos)://\\S+");

    /** True when {@code master} is a master URL Spark accepts (checked before Spark starts). */
    static boolean isMasterUrl(String master) {
        return MASTER.matcher(master).matches();
    }

    /** Validates {@code settings}; throws ConfigException naming origin, key and value. */
    public static TrainConfig parse(Settings settings) {
        return new TrainConfig(settings);
    }

    /** Every key with its effective value (defaults filled in), in key order. */
    public Map<String, String> resolved() {
        return resolved;
    }

    /** This configuration with {@code key} set to {@code value} (validated again). */
    public TrainConfig with(String key, String value) {
        Settings s = Settings.empty();
        for (Map.Entry<String, String> e : resolved.entrySet()) {
            s = s.with(e.getKey(), e.getValue(), "resolved configuration");
        }
        return parse(s.with(key, value, "override"));
    }

    /**
     * The network for {@code inputSize} features and {@code outputs} classes (classification) or
     * target values (regression), with the auto output activation and loss resolved; throws a
     * ConfigException when it cannot be trained (threshold output, loss that does not fit).
     */
    public NetworkSpec network(int inputSize, int outputs) {
        Activation out = outputActivation != null ? outputActivation : defaultOutput(outputs);
        int units = outputs;
        if (task == Task.CLASSIFICATION) {
            if (outputs < 2) {
                throw new ConfigException("classification needs at least 2 classes, the data has " + outputs);
            }
            units = outputs == 2 && out.kind() != Activation.Kind.SOFTMAX ? 1 : outputs;
        }
        Loss l = loss != null ? loss : defaultLoss(out);
        List<LayerSpec> layers = new ArrayList<>(hiddenLayers);
        layers.add(LayerSpec.of(units, out));
        for (int f : freeze) {
            if (f >= layers.size()) {
                throw new ConfigException("key 'freeze' = '" + resolved.get("freeze") + "': layer " + f
                        + " does not exist; the network has layers 0.." + (layers.size() - 1));
            }
        }
        NetworkSpec spec;
        try {
            spec = new NetworkSpec(inputSize, layers, l).withFrozen(freeze);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("network: " + e.getMessage());
        }
        String problem = spec.trainingProblem();
        if (problem != null) {
            throw new ConfigException("network cannot be trained: " + problem);
        }
        return spec;
    }

    private Activation defaultOutput(int outputs) {
        if (task == Task.REGRESSION) {
            return Activation.of(Activation.Kind.IDENTITY);
        }
        return Activation.of(outputs == 2 ? Activation.Kind.SIGMOID : Activation.Kind.SOFTMAX);
    }

    private static Loss defaultLoss(Activation out) {
        switch (out.kind()) {
            case SOFTMAX: return Loss.CROSS_ENTROPY;
            case SIGMOID: return Loss.BINARY_CROSS_ENTROPY;
            default: return Loss.SQUARED_ERROR;
        }
    }

    /** The global batch size in 1-based {@code epoch}, after the batch schedule, for {@code partitions} non-empty partitions. */
    public int globalBatch(int epoch, int partitions) {
        Map.Entry<Integer, Integer> e = batchSchedule.floorEntry(epoch);
        if (e != null) {
            return e.getValue();
        }
        return partitionBatchSize > 0 ? partitionBatchSize * Math.max(1, partitions) : batchSize;
    }

    /** The largest global batch of the run (the batch schedule included). */
    public int maxGlobalBatch(int partitions) {
        int max = globalBatch(1, partitions);
        for (int size : batchSchedule.values()) {
            max = Math.max(max, size);
        }
        return max;
    }

    /** Parameter-sized buffers the optimizer keeps (momentum: 1, Adam's moments: 2). */
    public int optimizerSlots() {
        switch (optimizer) {
            case SGD: return momentum == 0f ? 0 : 1;
            default: return 2;
        }
    }

    /** The optimizer and its hyper-parameters, as its toString prints them, without allocating its state. */
    public String describeOptimizer() {
        return optimizer == OptimizerKind.SGD ? Sgd.describe(momentum, dampening, nesterov)
                : Adam.describe(optimizer == OptimizerKind.ADAMW, beta1, beta2, eps, weightDecay);
    }

    /** The learning-rate schedule, lengths in epochs resolved with {@code stepsPerEpoch}. */
    public LearningRate learningRate(long stepsPerEpoch, long totalSteps) {
        LearningRate base;
        switch (schedule) {
            case CONSTANT:
                base = Schedules.constant(lr);
                break;
            case STEP:
                base = Schedules.step(lr, gamma != null ? gamma : 0.1, atLeastOne(stepSize.steps(stepsPerEpoch)));
                break;
            case EXPONENTIAL:
                base = Schedules.exponential(lr, gamma != null ? gamma : 0.999);
                break;
            case CYCLICAL:
                base = Schedules.cyclical(lr, maxLr != null ? maxLr : 10 * lr, atLeastOne(stepSize.steps(stepsPerEpoch)),
                        cycleMode, gamma != null ? gamma : 0.9999);
                break;
            case COSINE:
                base = Schedules.cosine(lr, minLr, atLeastOne(period != null ? period.steps(stepsPerEpoch) : totalSteps));
                break;
            default:
                throw new AssertionError(schedule);
        }
        return Schedules.warmup(base, warmup.steps(stepsPerEpoch));
    }

    private static long atLeastOne(long steps) {
        return Math.max(1, steps);
    }

    /** A fresh optimizer for {@code spec} (state zero). */
    public Optimizer newOptimizer(NetworkSpec spec) {
        int n = spec.parameterCount();
        switch (optimizer) {
            case SGD:
                return new Sgd(n, spec.trainableRanges(), momentum, dampening, nesterov);
            case ADAM:
                return new Adam(n, spec.trainableRanges(), beta1, beta2, eps);
            case ADAMW:
                return Adam.adamW(n, spec.trainableRanges(), spec.decayRanges(decayBias), beta1, beta2, eps, weightDecay);
            default:
                throw new AssertionError(optimizer);
        }
    }

    public Regularization regularization(NetworkSpec spec) {
        return new Regularization(l1, l2, spec.decayRanges(decayBias));
    }

    private static List<LayerSpec> parseLayers(String text, float defaultDropout) {
        List<LayerSpec> layers = new ArrayList<>();
        if (text.isBlank()) {
            return layers;
        }
        for (String part : text.split(",")) {
            LayerSpec l = LayerSpec.parse(part);
            if (l.activation().outputOnly()) {
                throw new IllegalArgumentException("layer '" + part.trim() + "': " + l.activation()
                        + " is allowed only in the output layer (see output-activation); a threshold unit has no "
                        + "useful derivative and softmax normalizes a whole layer");
            }
            boolean ownDropout = part.trim().split(":").length == 3;
            layers.add(ownDropout ? l : l.withDropout(defaultDropout));
        }
        return layers;
    }

    private static Set<Integer> parseIndices(String text) {
        Set<Integer> out = new TreeSet<>();
        if (text.isBlank()) {
            return Collections.unmodifiableSet(out);
        }
        for (String part : text.split(",")) {
            try {
                int i = Integer.parseInt(part.trim());
                if (i < 0) {
                    throw new NumberFormatException();
                }
                out.add(i);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not a layer index (0, 1, ...)");
            }
        }
        return Collections.unmodifiableSet(out);
    }

    private static NavigableMap<Integer, Integer> parseBatchSchedule(String text) {
        TreeMap<Integer, Integer> out = new TreeMap<>();
        if (text.isBlank()) {
            return Collections.unmodifiableNavigableMap(out);
        }
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            try {
                if (kv.length != 2) {
                    throw new NumberFormatException();
                }
                int epoch = Integer.parseInt(kv[0].trim());
                int size = Integer.parseInt(kv[1].trim());
                if (epoch < 1 || size < 1) {
                    throw new NumberFormatException();
                }
                if (out.put(epoch, size) != null) {
                    throw new IllegalArgumentException("epoch " + epoch + " appears twice");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not epoch:size with epoch >= 1, size >= 1");
            }
        }
        return Collections.unmodifiableNavigableMap(out);
    }

    /** Typed access to settings with errors that name origin, key and value. */
    private static final class Reader {
        private final Settings settings;

        Reader(Settings settings) {
            this.settings = settings;
            for (Map.Entry<String, Settings.Entry> e : settings.entries().entrySet()) {
                if (ConfigKey.byName(e.getKey()) == null) {
                    String hint = ConfigKey.closest(e.getKey());
                    throw new ConfigException(e.getValue().origin() + ": unknown key '" + e.getKey() + "'"
                            + (hint != null ? " (did you mean '" + hint + "'?)" : "")
                            + "; 'ember train --help' lists every key");
                }
            }
        }

        Map<String, String> resolved() {
            Map<String, String> m = new LinkedHashMap<>();
            for (ConfigKey k : ConfigKey.values()) {
                m.put(k.key(), raw(k));
            }
            return Collections.unmodifiableMap(m);
        }

        /** Given, and to something else than the default (so resolved settings parse back the same). */
        boolean isSet(ConfigKey k) {
            return settings.get(k.key()).isPresent() && !raw(k).equals(k.defaultValue());
        }

        String raw(ConfigKey k) {
            return settings.get(k.key()).map(Settings.Entry::value).orElse(k.defaultValue()).trim();
        }

        boolean isBlank(ConfigKey k) {
            return raw(k).isEmpty();
        }

        ConfigException fail(ConfigKey k, String why) {
            String origin = settings.get(k.key()).map(Settings.Entry::origin).orElse("default");
            return new ConfigException(origin + ": key '" + k.key() + "' = '" + raw(k) + "': " + why);
        }

        <T> T parse(ConfigKey k, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(raw(k));
            } catch (IllegalArgumentException e) {
                throw fail(k, e.getMessage());
            }
        }

        String nonEmpty(ConfigKey k) {
            if (isBlank(k)) {
                throw fail(k, "must not be empty");
            }
            return raw(k);
        }

        String choice(ConfigKey k, String... allowed) {
            String v = raw(k).toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return a;
                }
            }
            throw fail(k, "expected one of " + String.join(", ", allowed));
        }

        <E extends Enum<E>> E enumValue(ConfigKey k, Class<E> type) {
            String v = raw(k).toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(e.name().toLowerCase(Locale.ROOT));
            }
            throw fail(k, "expected one of " + String.join(", ", names));
        }

        boolean bool(ConfigKey k) {
            String v = raw(k).toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true");
            }
            throw fail(k, "expected true or false");
        }

        double number(ConfigKey k) {
            try {
                double v = Double.parseDouble(raw(k));
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw fail(k, "not a finite number");
            }
        }

        double positive(ConfigKey k) {
            double v = number(k);
            if (!(v > 0)) {
                throw fail(k, "must be > 0");
            }
            return v;
        }

        double doubleAtLeast(ConfigKey k, double min) {
            double v = number(k);
            if (v < min) {
                throw fail(k, "must be >= " + min);
            }
            return v;
        }

        double doubleIn(ConfigKey k, double lo, double hi, boolean hiInclusive) {
            double v = number(k);
            if (v < lo || v > hi || (!hiInclusive && v == hi)) {
                throw fail(k, "must be in [" + lo + ", " + hi + (hiInclusive ? "]" : ")"));
            }
            return v;
        }

        long longAtLeast(ConfigKey k, long min) {
            long v;
            try {
                v = Long.parseLong(raw(k));
            } catch (NumberFormatException e) {
                throw fail(k, "not a whole number");
            }
            if (v < min) {
                throw fail(k, "must be >= " + min);
            }
            return v;
        }

        int intAtLeast(ConfigKey k, int min) {
            long v = longAtLeast(k, min);
            if (v > Integer.MAX_VALUE) {
                throw fail(k, "too large");
            }
            return (int) v;
        }
    }
}
