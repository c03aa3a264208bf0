/**
 * Spark glue: reading data on the executors, the data pipeline to cached blocks, one job per
 * optimizer step over those blocks, the deterministic tree sum, distributed evaluation, Kryo
 * registration, the session's defaults, and the Spark settings. The only package (with the API
 * above it) that uses Spark.
 */
package io.ember.spark;
