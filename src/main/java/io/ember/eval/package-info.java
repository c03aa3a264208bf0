/**
 * Inference and metrics: the one streaming {@link io.ember.eval.Predictor} every scoring goes
 * through, and mergeable classification and regression evaluations. Uses nn, data and linalg; no
 * Spark.
 */
package io.ember.eval;
