/**
 * Ember's public Java API: train on DataFrames or RDDs of labelled points ({@link io.ember.Ember}),
 * the trained model ({@link io.ember.EmberModel}), and every setting there is ({@link io.ember.Keys}).
 * Uses every package below it; only the command line, the report and the benchmark use it.
 */
package io.ember;
