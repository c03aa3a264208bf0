/**
 * Ember as Spark ML pipeline stages: {@link io.ember.ml.EmberClassifier} and
 * {@link io.ember.ml.EmberRegressor} (estimators) and their fitted models, with a typed Param for
 * every Ember training setting ({@link io.ember.ml.EmberParams}, made from the settings' single
 * declarations), streaming {@code transform}, Spark's standard save and load (with Ember's own model
 * directory inside), usable in {@code Pipeline}, {@code CrossValidator} and
 * {@code TrainValidationSplit}. The training is Ember's; {@code org.apache.spark.ml} supplies the
 * pipeline interfaces and vector types.
 *
 * <p>Uses the root package (TrainingRun, EmberModel), config, data and spark; nothing in Ember
 * depends on it.
 */
package io.ember.ml;
