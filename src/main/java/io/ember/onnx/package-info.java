/**
 * ONNX export of a trained network: {@link io.ember.onnx.OnnxExport} builds the graph from a
 * model's parts (network spec, parameters, labels, target encoding, scaling) with the Java classes
 * generated from ONNX's {@code onnx.proto} ({@code io.ember.onnx.proto}); {@link io.ember.onnx.OnnxFile}
 * publishes it as one file through Hadoop's FileSystem API. Uses {@code nn}, {@code data} and
 * {@code io}; never Spark.
 */
package io.ember.onnx;
