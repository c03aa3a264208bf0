package io.ember.data;

import java.io.Serializable;
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
        double[] l = sortedDistinctLabels.clone();
        for (int i = 0; i < l.length; i++) {
            if (!Double.isFinite(l[i])) {
                throw new IllegalArgumentException("label " + l[i] + " is not a finite number");
            }
            l[i] = normalize(l[i]);
            if (i > 0 && !(l[i] > l[i - 1])) {
                throw new IllegalArgumentException("labels must be sorted and distinct: "
                        + Arrays.toString(sortedDistinctLabels));
            }
        }
        this.labels = l;
    }

    /** Labels compare by value: -0 and 0 are the same label. */
    static double normalize(double label) {
        return label == 0 ? 0.0 : label;
    }

    public static LabelMapping of(Collection<Double> labels) {
        return new LabelMapping(new TreeSet<>(labels).stream().mapToDouble(Double::doubleValue).toArray());
    }

    public int classes() {
        return labels.length;
    }

    /** The class index of {@code label}, or -1 if it is not one of the known labels. */
    public int classOf(double label) {
        int i = Arrays.binarySearch(labels, normalize(label));
        return i >= 0 ? i : -1;
    }

    /** True when every one of {@code values} is a known label. */
    public boolean containsAll(Collection<Double> values) {
        for (double v : values) {
            if (classOf(v) < 0) {
                return false;
            }
        }
        return true;
    }

    public double label(int cls) {
        return labels[cls];
    }

    public double[] labels() {
        return labels.clone();
    }

    /** A label as a user wrote it: {@code 1}, {@code -1}, {@code 0.5}. */
    public static String format(double label) {
        return label == Math.rint(label) && Math.abs(label) < 1e15 ? Long.toString((long) label)
                : Double.toString(label);
    }

    /** e.g. {@code [-1, 1]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < labels.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(format(labels[i]));
        }
        return sb.append(']').toString();
    }
}
