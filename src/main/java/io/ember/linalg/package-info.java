/**
 * Linear algebra on float32 arrays with offsets: the GEMM backends (Ember's Vector API kernel,
 * netlib), element-wise kernels, and the bfloat16 conversions of {@code transport = bf16}. Kernels are plain static methods whose documentation says which
 * argument they modify; they check nothing (shapes are checked by their callers). Uses nothing else
 * of Ember's and no Spark.
 */
package io.ember.linalg;
