package io.ember.data;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Classification labels (any distinct numbers, e.g. -1/+1 or 0..9) mapped to class indices
 * 0..K-1 in ascending label order; saved with the model so predictions report original labels.
 */
public final class LabelMapping implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] labels;

    public LabelMapping(double[] sortedDistinctLabels) {
        for (int i = 1; i < sortedDistinctLabels.length; i++) {
            if (!(sortedDistinctLabels[i] > sortedDistinctLabels[i - 1])) {
                throw new IllegalArgumentException("labels must be sorted and distinct: "
                        + Arrays.toString(sortedDistinctLabels));
            }
        }
        this.labels = sortedDistinctLabels.clone();
    }

    public static LabelMapping of(Collection<Double> labels) {
        return new LabelMapping(new TreeSet<>(labels).stream().mapToDouble(Double::doubleValue).toArray());
    }

    public int classes() {
        return labels.length;
    }

    /** The class index of {@code label}, or -1 if it is not one of the known labels. */
    public int classOf(double label) {
        int i = Arrays.binarySearch(labels, label);
        return i >= 0 ? i : -1;
    }

    public double label(int cls) {
        return labels[cls];
    }

    public double[] labels() {
        return labels.clone();
    }

    /**
     * A label as a user writes it: {@code 1} (not {@code 1.0}), {@code -1}, {@code 0.5}. Labels are
     * doubles inside Ember; this is how every command prints them.
     */
    public static String format(double label) {
        if (!Double.isFinite(label)) {
            return Double.toString(label);
        }
        return BigDecimal.valueOf(label).stripTrailingZeros().toPlainString();
    }

    /** The labels as a user writes them, e.g. {@code [-1, 1]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < labels.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(format(labels[i]));
        }
        return sb.append(']').toString();
    }
}
