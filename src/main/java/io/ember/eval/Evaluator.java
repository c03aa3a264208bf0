package io.ember.eval;

/** Evaluates parameters on a fixed data set (validation or test), locally or on Spark. */
public interface Evaluator {
    Evaluation evaluate(float[] params);
}
