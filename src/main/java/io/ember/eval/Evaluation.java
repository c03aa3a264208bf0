package io.ember.eval;

import io.ember.data.TargetEncoding;

import java.io.Serializable;
import java.util.Map;

/**
 * Mergeable evaluation of network outputs against targets: partitions fill their own and the
 * driver merges them, so distributed figures equal single-JVM ones.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public abstract class Evaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    protected long count;
    protected double lossSum;

    /**
     * A fresh, empty evaluation.
     *
     * @param encoding how outputs and targets encode classes or values
     * @return a classification or regression evaluation
     */
    public static Evaluation create(TargetEncoding encoding) {
        return encoding.isClassification() ? new ClassificationEvaluation(encoding) : new RegressionEvaluation(encoding);
    }

    /**
     * Adds rows of network outputs and their targets.
     *
     * @param outputs    activated outputs, {@code rows x units} row-major
     * @param targets    encoded targets, same shape
     * @param rows       rows to add
     * @param summedLoss the loss of those rows, summed
     */
    public final void add(float[] outputs, float[] targets, int rows, double summedLoss) {
        addRows(outputs, targets, rows);
        count += rows;
        lossSum += summedLoss;
    }

    protected abstract void addRows(float[] outputs, float[] targets, int rows);

    /**
     * Modifies this: adds everything {@code other} has seen (partition results merge this way).
     *
     * @param other an evaluation of the same kind
     */
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

    /**
     * This evaluation as a classifier's figures.
     *
     * @return the typed view
     * @throws IllegalStateException for a regression's evaluation
     */
    public ClassificationEvaluation classification() {
        if (!(this instanceof ClassificationEvaluation)) {
            throw new IllegalStateException("a regression's evaluation has no classification figures");
        }
        return (ClassificationEvaluation) this;
    }

    /**
     * This evaluation as a regression's figures.
     *
     * @return the typed view
     * @throws IllegalStateException for a classifier's evaluation
     */
    public RegressionEvaluation regression() {
        if (!(this instanceof RegressionEvaluation)) {
            throw new IllegalStateException("a classifier's evaluation has no regression figures");
        }
        return (RegressionEvaluation) this;
    }

    /**
     * Examples seen.
     *
     * @return the example count
     */
    public long count() {
        return count;
    }

    /**
     * Mean loss per example (the training loss function, without regularization).
     *
     * @return the mean loss, NaN before any example
     */
    public double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /**
     * A named metric.
     *
     * @param name {@code loss}; {@code accuracy} or {@code f1} for classification; {@code mse}, {@code rmse},
     *             {@code mae} or {@code r2} for regression
     * @return its value
     */
    public abstract double metric(String name);

    /**
     * Which way a metric improves.
     *
     * @param metric a metric name as {@link #metric(String)} takes it
     * @return true when larger values are better
     */
    public static boolean higherIsBetter(String metric) {
        return metric.equals("accuracy") || metric.equals("f1") || metric.equals("r2");
    }

    /**
     * Every figure, for JSON files and reports; the keys are stable.
     *
     * @return metric names to values (numbers, lists, matrices)
     */
    public abstract Map<String, Object> summary();

    /**
     * One line for the console, e.g. {@code loss 0.1234  accuracy 96.50%  macro-F1 0.9640}.
     *
     * @return the line
     */
    public abstract String oneLine();
}
