/**
 * Data formats and rows: LIBSVM, CSV and IDX parsing with every problem named by file and line,
 * parsed rows, packed blocks, labels, target encoding, feature scaling, and the data settings. Uses
 * nn and config, and Hadoop's FileSystem API; no Spark.
 */
package io.ember.data;
