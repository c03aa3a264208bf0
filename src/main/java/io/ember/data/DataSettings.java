package io.ember.data;

import io.ember.config.Setting;
import io.ember.config.Setting.Range;
import io.ember.config.SettingSet;

import java.util.List;

/** The settings of the data a run reads, checks and scales: one declaration each. */
public final class DataSettings {
    private static final String GROUP = "data";

    /** How a file's rows are read. */
    public enum Format { AUTO, LIBSVM, CSV, IDX }

    /** What the labels are: classes or values. */
    public enum Task { CLASSIFICATION, REGRESSION }

    /** Feature scaling fitted on the training rows. */
    public enum Scaling { NONE, STANDARDIZE, MINMAX }

    public static final Setting<String> DATA = Setting.text("data", GROUP, "", false, "training data: a LIBSVM or "
            + "CSV file, or MNIST IDX images (labels found by name, or given as 'IMAGES,LABELS'); a local path, file:// "
            + "or hdfs://", DataSettings.class);
    public static final Setting<Format> FORMAT = Setting.choice("format", GROUP, Format.class, Format.AUTO,
            "input format: auto (by file name), libsvm, csv or idx", DataSettings.class);
    public static final Setting<String> VALIDATION = Setting.text("validation", GROUP, "", false, "validation data "
            + "in the same format (empty: use validation-fraction)", DataSettings.class);
    public static final Setting<Double> VALIDATION_FRACTION = Setting.real("validation-fraction", GROUP, "0",
            Range.closedOpen(0, 1), "fraction of the training data held out for validation by a seeded split when no "
                    + "validation file is given, in [0, 1)", DataSettings.class);
    public static final Setting<String> TEST = Setting.text("test", GROUP, "", false,
            "test data evaluated once after training (optional)", DataSettings.class);
    public static final Setting<Integer> NUM_FEATURES = Setting.integer("num-features", GROUP, 0, 0,
            Integer.MAX_VALUE - 16, "LIBSVM feature count (0: the largest index found)", DataSettings.class);
    public static final Setting<String> LABEL_COLUMN = Setting.text("label-column", GROUP, "label", true,
            "CSV: label column name (with header) or 0-based index; DataFrame: label column name", DataSettings.class);
    public static final Setting<String> FEATURES_COLUMN = Setting.text("features-column", GROUP, "features", true,
            "DataFrame: name of the MLlib vector column", DataSettings.class);
    public static final Setting<String> WEIGHT_COLUMN = Setting.text("weight-column", GROUP, "", false,
            "instance weights: a CSV column (name or 0-based index) or a DataFrame column of numbers >= 0; the loss "
                    + "and its gradient are the weighted mean over each batch (empty: every row weighs 1)",
            DataSettings.class);
    public static final Setting<String> VALIDATION_INDICATOR_COLUMN = Setting.text("validation-indicator-column",
            GROUP, "", false, "DataFrame: a boolean column marking the validation rows, instead of a validation file "
                    + "or fraction", DataSettings.class);
    public static final Setting<Boolean> CSV_HEADER = Setting.flag("csv-header", GROUP, true,
            "CSV: whether the first line holds column names", DataSettings.class);
    public static final Setting<Task> TASK = Setting.choice("task", GROUP, Task.class, Task.CLASSIFICATION,
            "classification or regression", DataSettings.class);
    public static final Setting<Scaling> SCALE = Setting.choice("scale", GROUP, Scaling.class, Scaling.NONE,
            "feature scaling fitted on the training data: none, standardize or minmax", DataSettings.class);
    public static final Setting<Boolean> SKIP_BAD_ROWS = Setting.flag("skip-bad-rows", GROUP, false,
            "skip malformed input rows (reported with file and line) instead of failing", DataSettings.class);

    /** Every data setting, in table order. */
    public static final SettingSet ALL = SettingSet.of(List.of(DATA, FORMAT, VALIDATION, VALIDATION_FRACTION, TEST,
            NUM_FEATURES, LABEL_COLUMN, FEATURES_COLUMN, WEIGHT_COLUMN, VALIDATION_INDICATOR_COLUMN, CSV_HEADER, TASK,
            SCALE, SKIP_BAD_ROWS), List.of(DataSettings::check));

    private static void check(io.ember.config.Config c) {
        if (!c.get(VALIDATION_INDICATOR_COLUMN).isEmpty()
                && (!c.get(VALIDATION).isEmpty() || c.get(VALIDATION_FRACTION) > 0)) {
            throw c.fail(VALIDATION_INDICATOR_COLUMN, "the validation rows come from one place: a validation "
                    + "indicator column, a validation file or a validation fraction");
        }
        if (!c.get(VALIDATION).isEmpty() && c.get(VALIDATION_FRACTION) > 0) {
            throw c.fail(VALIDATION_FRACTION, "a validation file is given; the fraction holds rows out of the "
                    + "training data instead: set one of them");
        }
    }

    private DataSettings() {
    }
}
