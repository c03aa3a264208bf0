/**
 * The executor side of one optimizer step, without Spark: a partition's slice of the global batch
 * ({@link io.ember.step.BatchPlan}), computed on k threads in shards and summed in shard order
 * ({@link io.ember.step.PartitionWorker}), and the summed gradient a task returns, in float32 or
 * narrowed to bfloat16 ({@link io.ember.step.Bf16Wire}). Uses nn, data and linalg.
 */
package io.ember.step;
