package io.ember.train;

import java.util.Locale;

/**
 * Every configuration key, with its default and its documentation. This list is the single
 * source for config files, command-line options ({@code --KEY VALUE}), {@code --help} and the
 * README's key table.
 */
public enum ConfigKey {
    // data
    DATA("data", "data", "", "training data: a LIBSVM or CSV file, or MNIST IDX images (labels found by "
            + "name, or given as 'IMAGES,LABELS'); a local path, file:// or hdfs://"),
    FORMAT("data", "format", "auto", "input format: auto (by file name), libsvm, csv or idx"),
    VALIDATION("data", "validation", "", "validation data in the same format (empty: use validation-fraction)"),
    VALIDATION_FRACTION("data", "validation-fraction", "0", "fraction of the training data held out for "
            + "validation by a seeded split when no validation file is given, in [0, 1)"),
    TEST("data", "test", "", "test data evaluated once after training (optional)"),
    NUM_FEATURES("data", "num-features", "0", "LIBSVM feature count (0: the largest index found)"),
    LABEL_COLUMN("data", "label-column", "label", "CSV: label column name (with header) or 0-based index; "
            + "DataFrame: label column name"),
    FEATURES_COLUMN("data", "features-column", "features", "DataFrame: name of the MLlib vector column"),
    CSV_HEADER("data", "csv-header", "true", "CSV: whether the first line holds column names"),
    TASK("data", "task", "classification", "classification or regression"),
    SCALE("data", "scale", "none", "feature scaling fitted on the training data: none, standardize or minmax"),
    SKIP_BAD_ROWS("data", "skip-bad-rows", "false", "skip malformed input rows (reported with file and line) "
            + "instead of failing"),

    // network
    LAYERS("network", "layers", "", "hidden layers as units:activation[:dropout], comma separated, e.g. "
            + "'256:relu, 128:relu:0.2'; activations identity, sigmoid, tanh, relu, leaky_relu[(slope)]"),
    OUTPUT_ACTIVATION("network", "output-activation", "auto", "output activation: auto (softmax for 3+ classes, sigmoid for 2, "
            + "identity for regression), identity, sigmoid, tanh, relu, leaky_relu, softmax"),
    LOSS("network", "loss", "auto", "auto (cross_entropy with softmax, binary_cross_entropy with sigmoid, "
            + "else squared_error), squared_error (mse), binary_cross_entropy (bce), cross_entropy (ce)"),
    DROPOUT("network", "dropout", "0", "dropout probability for hidden layers that do not set their own, in [0, 1)"),
    FREEZE("network", "freeze", "", "0-based indices of layers whose parameters stay fixed, comma separated"),
    INIT("network", "init", "", "start from this model's weights instead of a random initialization"),

    // optimizer
    OPTIMIZER("optimizer", "optimizer", "adam", "sgd, adam or adamw"),
    LR("optimizer", "lr", "0.001", "base learning rate"),
    MOMENTUM("optimizer", "momentum", "0", "sgd: momentum factor, in [0, 1)"),
    DAMPENING("optimizer", "dampening", "0", "sgd: dampening for momentum, in [0, 1]"),
    NESTEROV("optimizer", "nesterov", "false", "sgd: Nesterov momentum"),
    BETA1("optimizer", "beta1", "0.9", "adam/adamw: first-moment decay, in [0, 1)"),
    BETA2("optimizer", "beta2", "0.999", "adam/adamw: second-moment decay, in [0, 1)"),
    EPS("optimizer", "eps", "1e-8", "adam/adamw: term added to the denominator, > 0"),
    WEIGHT_DECAY("optimizer", "weight-decay", "0.01", "adamw: decoupled weight decay, >= 0 with lr x weight-decay < 1 "
            + "(use l2 for sgd and adam)"),
    L1("optimizer", "l1", "0", "L1 penalty: adds l1 * sign(w) to the gradient of each weight"),
    L2("optimizer", "l2", "0", "L2 penalty: adds l2 * w to the gradient of each weight (PyTorch's weight_decay)"),
    DECAY_BIAS("optimizer", "decay-bias", "false", "apply l1, l2 and adamw decay to biases too"),
    CLIP_NORM("optimizer", "clip-norm", "0", "clip the gradient to this global L2 norm (0: off)"),
    DIVERGENCE_FACTOR("optimizer", "divergence-factor", "10000", "stop as diverged when a step's mean loss exceeds "
            + "this many times max(1, the first step's loss); a non-finite loss or gradient always stops (0: off)"),

    // schedule
    SCHEDULE("schedule", "schedule", "constant", "learning-rate schedule: constant, step, exponential, "
            + "cyclical, cosine"),
    GAMMA("schedule", "gamma", "", "in (0, 1]; step: factor per step-size (default 0.1); exponential: factor per "
            + "step (default 0.999); cyclical exp_range: factor per step (default 0.9999)"),
    STEP_SIZE("schedule", "step-size", "1 epochs", "step: steps between decays; cyclical: steps per half cycle "
            + "(a number of steps, or 'N epochs')"),
    MAX_LR("schedule", "max-lr", "", "cyclical: upper learning rate (default 10 x lr)"),
    CYCLE_MODE("schedule", "cycle-mode", "triangular", "cyclical: triangular, triangular2 or exp_range"),
    MIN_LR("schedule", "min-lr", "0", "cosine: final learning rate"),
    PERIOD("schedule", "period", "", "cosine: steps to anneal over, or 'N epochs' (default: the whole run)"),
    WARMUP("schedule", "warmup", "0", "linear warm-up length in steps, or 'N epochs'; multiplies any schedule"),

    // loop
    EPOCHS("loop", "epochs", "10", "passes over the training data (at most 1,000,000)"),
    MAX_STEPS("loop", "max-steps", "0", "stop after this many optimizer steps (0: no limit)"),
    BATCH_SIZE("loop", "batch-size", "128", "global mini-batch size, split across partitions by their size"),
    PARTITION_BATCH_SIZE("loop", "partition-batch-size", "0", "mini-batch size per partition instead "
            + "(global batch = this x non-empty partitions; 0: use batch-size)"),
    BATCH_SCHEDULE("loop", "batch-schedule", "", "grow the global batch at chosen epochs: 'epoch:size, ...' "
            + "with 1-based epochs, e.g. '4:512, 8:1024'"),
    SEED("loop", "seed", "1", "seed for initialization, shuffling, splits and dropout"),
    SHUFFLE("loop", "shuffle", "true", "reshuffle each partition's examples every epoch"),
    PATIENCE("loop", "patience", "0", "early stopping: epochs without improvement of early-stop-metric "
            + "before stopping, keeping the best model (0: off)"),
    EARLY_STOP_METRIC("loop", "early-stop-metric", "loss", "validation metric watched by early stopping: loss, "
            + "accuracy, f1 (classification) or rmse, mae, r2 (regression)"),

    // spark and runtime
    MASTER("spark", "master", "", "Spark master: local[N], local[*], local[N,F], spark://HOST:PORT, yarn, k8s://URL "
            + "(empty: spark-submit's, else local[*])"),
    PARTITIONS("spark", "partitions", "0", "training data partitions, one task each per step (0: one per executor, "
            + "so 1 in local mode)"),
    TASK_THREADS("spark", "task-threads", "0", "threads a step's task computes with, each on its own shard of the "
            + "batch (0: the cores of an executor: N for local[N], spark.executor.cores on a cluster)"),
    TREE_DEPTH("spark", "tree-depth", "0", "gradient aggregation levels: 1 sends every partition's gradient to the "
            + "driver, 2 or more sum groups on the executors first (0: 1 up to 32 partitions, else 2)"),
    BLAS("spark", "blas", "auto", "GEMM backend: auto, ember-vector, netlib-native, netlib-java"),
    DETERMINISTIC("spark", "deterministic", "false", "bitwise reproducible runs: one fixed BLAS backend "
            + "everywhere and gradients summed in partition order"),

    // output
    OUTPUT_DIR("output", "output", "runs/latest", "run folder: model, metrics, report, checkpoints"),
    CHECKPOINT_STEPS("output", "checkpoint-every-steps", "0", "write a checkpoint every N steps (0: off)"),
    CHECKPOINT_EPOCHS("output", "checkpoint-every-epochs", "1", "write a checkpoint every N epochs (0: off)"),
    KEEP_CHECKPOINTS("output", "keep-checkpoints", "3", "checkpoints kept (older ones are deleted)");

    private final String group;
    private final String key;
    private final String defaultValue;
    private final String help;

    ConfigKey(String group, String key, String defaultValue, String help) {
        this.group = group;
        this.key = key;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    public String group() {
        return group;
    }

    /** The name used in config files and as {@code --name} on the command line. */
    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    /** The key named {@code name}, or null. */
    public static ConfigKey byName(String name) {
        for (ConfigKey k : values()) {
            if (k.key.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** The known key closest to {@code name} by edit distance, for "did you mean" hints. */
    public static String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey k : values()) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), k.key);
            if (d < bestDistance) {
                bestDistance = d;
                best = k.key;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
