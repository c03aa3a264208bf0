/**
 * The network: specs (layers, activations, losses, the flat parameter layout), dense-layer views,
 * forward and backward passes over reusable workspaces, dropout masks and initialization, and the
 * network settings. Uses linalg and config; no Spark.
 */
package io.ember.nn;
