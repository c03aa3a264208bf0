/**
 * The driver loop, the same for Spark and for a single JVM: the plan of a run and its schedule,
 * per step the mean gradient, clipping, L1/L2 and the optimizer, per epoch validation and early
 * stopping, listeners, the memory estimate, and the loop's settings. Pulls gradients from a
 * {@link io.ember.train.GradientSource}. Uses step, optim, nn, data, eval and config; no Spark and
 * no files.
 */
package io.ember.train;
