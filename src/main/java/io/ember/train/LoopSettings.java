package io.ember.train;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.Setting.Range;
import io.ember.config.SettingSet;
import io.ember.data.DataSettings;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/** The settings of the driver loop (epochs, batches, seeds, early stopping, clipping, divergence): one declaration each. */
public final class LoopSettings {
    private static final String GROUP = "loop";
    /** Epochs at most: the plan keeps a few numbers per epoch. */
    static final int MAX_EPOCHS = 1_000_000;
    private static final Set<String> CLASSIFICATION_METRICS = Set.of("accuracy", "f1");
    private static final Set<String> REGRESSION_METRICS = Set.of("rmse", "mae", "r2");

    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", GROUP, 10, 1, MAX_EPOCHS,
            "passes over the training data (at most 1,000,000)", Trainer.class).resumable();
    public static final Setting<Long> MAX_STEPS = Setting.longInteger("max-steps", GROUP, 0, 0, Long.MAX_VALUE,
            "stop after this many optimizer steps (0: no limit)", Trainer.class).resumable();
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("batch-size", GROUP, 128, 1, Integer.MAX_VALUE,
            "global mini-batch size, split across partitions by their size", TrainingPlan.class);
    public static final Setting<Integer> PARTITION_BATCH_SIZE = Setting.integer("partition-batch-size", GROUP, 0, 0,
            Integer.MAX_VALUE, "mini-batch size per partition instead (global batch = this x non-empty partitions; 0: "
                    + "use batch-size)", TrainingPlan.class);
    @SuppressWarnings("unchecked")
    public static final Setting<NavigableMap<Integer, Integer>> BATCH_SCHEDULE = Setting.of("batch-schedule", GROUP,
            "", (Class<NavigableMap<Integer, Integer>>) (Class<?>) NavigableMap.class, LoopSettings::parseBatchSchedule,
            "grow the global batch at chosen epochs: 'epoch:size, ...' with 1-based epochs, e.g. '4:512, 8:1024'",
            TrainingPlan.class);
    public static final Setting<Long> SEED = Setting.longInteger("seed", GROUP, 1, Long.MIN_VALUE, Long.MAX_VALUE,
            "seed for initialization, shuffling, splits and dropout", Trainer.class);
    public static final Setting<Boolean> SHUFFLE = Setting.flag("shuffle", GROUP, true,
            "reshuffle each partition's examples every epoch", Trainer.class);
    public static final Setting<Integer> PATIENCE = Setting.integer("patience", GROUP, 0, 0, Integer.MAX_VALUE,
            "early stopping: epochs without improvement of early-stop-metric before stopping, keeping the best model "
                    + "(0: off)", Trainer.class);
    public static final Setting<String> EARLY_STOP_METRIC = Setting.of("early-stop-metric", GROUP, "loss",
            String.class, LoopSettings::metric, "validation metric watched by early stopping: loss, accuracy, f1 "
                    + "(classification) or rmse, mae, r2 (regression)", Trainer.class);
    public static final Setting<Double> CLIP_NORM = Setting.real("clip-norm", "optimizer", "0", Range.atLeast(0),
            "clip the gradient to this global L2 norm (0: off)", Trainer.class);
    public static final Setting<Double> DIVERGENCE_FACTOR = Setting.real("divergence-factor", "optimizer", "10000",
            Range.atLeast(0), "stop as diverged when a step's mean loss exceeds this many times max(1, the first "
                    + "step's loss); a non-finite loss or gradient always stops (0: off)", Trainer.class);

    /** Every loop setting, in table order, and the rules between them (and the data's task). */
    public static final SettingSet ALL = SettingSet.of(List.of(CLIP_NORM, DIVERGENCE_FACTOR, EPOCHS, MAX_STEPS,
            BATCH_SIZE, PARTITION_BATCH_SIZE, BATCH_SCHEDULE, SEED, SHUFFLE, PATIENCE, EARLY_STOP_METRIC),
            List.of(LoopSettings::check, Networks::check));

    private LoopSettings() {
    }

    private static void check(Config c) {
        double factor = c.get(DIVERGENCE_FACTOR);
        if (factor > 0 && factor <= 1) {
            throw c.fail(DIVERGENCE_FACTOR, "must be 0 (off) or > 1");
        }
        if (c.get(PARTITION_BATCH_SIZE) > 0 && c.isSet(BATCH_SIZE)) {
            throw c.fail(PARTITION_BATCH_SIZE, "set either batch-size (global) or partition-batch-size, not both");
        }
        String metric = c.get(EARLY_STOP_METRIC);
        DataSettings.Task task = c.get(DataSettings.TASK);
        if ((task == DataSettings.Task.REGRESSION && CLASSIFICATION_METRICS.contains(metric))
                || (task == DataSettings.Task.CLASSIFICATION && REGRESSION_METRICS.contains(metric))) {
            throw c.fail(EARLY_STOP_METRIC, "not a " + task.name().toLowerCase(java.util.Locale.ROOT) + " metric");
        }
    }

    /** The global batch size in 1-based {@code epoch}, after the batch schedule, for {@code partitions} non-empty partitions. */
    public static int globalBatch(Config c, int epoch, int partitions) {
        Map.Entry<Integer, Integer> e = c.get(BATCH_SCHEDULE).floorEntry(epoch);
        if (e != null) {
            return e.getValue();
        }
        int perPartition = c.get(PARTITION_BATCH_SIZE);
        return perPartition > 0 ? perPartition * Math.max(1, partitions) : c.get(BATCH_SIZE);
    }

    /** The largest global batch of the run (the batch schedule included). */
    public static int maxGlobalBatch(Config c, int partitions) {
        int max = globalBatch(c, 1, partitions);
        for (int size : c.get(BATCH_SCHEDULE).values()) {
            max = Math.max(max, size);
        }
        return max;
    }

    private static String metric(String t) {
        String v = t.toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("loss") && !CLASSIFICATION_METRICS.contains(v) && !REGRESSION_METRICS.contains(v)) {
            throw new IllegalArgumentException("expected one of loss, accuracy, f1, rmse, mae, r2");
        }
        return v;
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
                if (epoch < 1 || size < 1 || epoch > MAX_EPOCHS) {
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
}
