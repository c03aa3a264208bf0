package io.ember.spark;

import io.ember.data.DataBlock;
import io.ember.step.BatchGradient;
import io.ember.step.Bf16Wire;
import io.ember.step.StepCoordinates;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;

/**
 * The task of one optimizer step on one partition: read the broadcast parameters, compute the
 * partition's share of the global batch. A small named class (not a lambda) so that Spark's
 * ClosureCleaner has no bytecode to re-read on every job. With {@code transport = bf16} the broadcast
 * holds bfloat16 parameters, widened once into the worker's buffer, and the answer is narrowed to
 * bfloat16 ({@link Bf16Wire}).
 */
final class GradientTask extends AbstractFunction2<TaskContext, Iterator<DataBlock>, BatchGradient>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TaskSpec spec;
    /** float[] parameters, or short[] bfloat16 ones with bf16 transport. */
    private final Broadcast<?> params;
    private final StepCoordinates at;

    GradientTask(TaskSpec spec, Broadcast<?> params, StepCoordinates at) {
        this.spec = spec;
        this.params = params;
        this.at = at;
    }

    @Override
    public BatchGradient apply(TaskContext context, Iterator<DataBlock> blocks) {
        if (!blocks.hasNext()) {
            return BatchGradient.missingBlock();
        }
        DataBlock block = blocks.next();
        Object p = params.value();
        if (spec.transport == SparkSettings.Transport.BF16) {
            return WorkerCache.withWorker(spec, context.partitionId(), block,
                    (w, wire) -> wire.narrow(w.compute(wire.widen((short[]) p), at)));
        }
        return WorkerCache.withWorker(spec, context.partitionId(), block, (w, wire) -> w.compute((float[]) p, at));
    }
}
