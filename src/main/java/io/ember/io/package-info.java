/**
 * Files, through Hadoop's FileSystem API: model directories and checkpoints (versioned, sealed,
 * written atomically), run folders owned by one run, the metrics log, the guard every output passes,
 * and the run-folder settings. Builds training states from checkpoints. Uses train, model and the
 * packages below them; no Spark.
 */
package io.ember.io;
