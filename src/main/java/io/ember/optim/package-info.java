/**
 * Optimizers (SGD with momentum or Nesterov, Adam, AdamW) with their state and their settings,
 * learning-rate schedules, L1/L2 regularization: PyTorch's published formulas on the flat parameter
 * vector. Uses nn and config; no Spark.
 */
package io.ember.optim;
