package io.ember.eval;

import io.ember.data.TargetEncoding;

import java.io.Serializable;
import java.util.Map;

/**
 * Mergeable evaluation of network outputs against targets: partitions fill their own and the
 * driver merges them, so distributed figures equal single-JVM ones.
 */
public abstract class Evaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    protected long count;
    protected double lossSum;

    /** A fresh, empty evaluation for outputs encoded as {@code encoding} describes. */
    public static Evaluation create(TargetEncoding encoding) {
        return encoding.isClassification() ? new ClassificationEvaluation(encoding) : new RegressionEvaluation(encoding);
    }

    /** Adds {@code rows} rows of (activated) outputs and their targets, and their summed loss. */
    public final void add(float[] outputs, float[] targets, int rows, double summedLoss) {
        addRows(outputs, targets, rows);
        count += rows;
        lossSum += summedLoss;
    }

    protected abstract void addRows(float[] outputs, float[] targets, int rows);

    /** Modifies this: adds everything {@code other} has seen. */
    public final void merge(Evaluation other) {
        if (other.getClass() != getClass()) {
            throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName() + " into "
                    + getClass().getSimpleName());
        }
        count += other.count;
        lossSum += other.lossSum;
        mergeRest(other);
    }

    protected abstract void mergeRest(Evaluation other);

    public long count() {
        return count;
    }

    /** Mean loss per example (the training loss function, without regularization). */
    public double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** A named metric: {@code loss}, and per kind accuracy/f1 or rmse/mae/r2. */
    public abstract double metric(String name);

    /** True when larger values of {@code metric} are better. */
    public static boolean higherIsBetter(String metric) {
        return metric.equals("accuracy") || metric.equals("f1") || metric.equals("r2");
    }

    /** Every figure, for JSON files and reports (keys are stable). */
    public abstract Map<String, Object> summary();

    /** One line for the console, e.g. {@code loss 0.1234 accuracy 96.50%}. */
    public abstract String oneLine();
}
