package io.ember.train;

import io.ember.Keys;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.EmbeddedMnist;
import io.ember.data.TargetEncoding;
import io.ember.linalg.Blas;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;
import io.ember.step.BatchGradient;
import io.ember.step.PartitionWorker;
import io.ember.step.StepCoordinates;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A partition's batch computed by several threads, each on its own shard. */
class ShardedWorkerTest {
    private static final NetworkSpec SPEC = Networks.of(Keys.parse(Settings.of("layers", "64:relu:0.2, 32:tanh")), 784,
            10);
    private static final DataBlock BLOCK = EmbeddedMnist.train(1000).toBlock(0, 1000, EmbeddedMnist.digits(),
            TargetEncoding.classification(10, 10, SPEC.output().activation()), 0);

    private static BatchGradient step(int threads, float[] p, StepCoordinates at) {
        try (PartitionWorker w = new PartitionWorker(SPEC, Blas.gemm("auto"), BLOCK, 0, 3, true, threads)) {
            BatchGradient g = w.compute(p, at);
            return new BatchGradient(g.gradient.clone(), g.lossSum, g.count, 0);
        }
    }

    @Test
    void shardsGiveTheWholeBatchGradientAndAreDeterministic() {
        float[] p = Initializer.initialize(SPEC, 1);
        StepCoordinates at = new StepCoordinates(0, 2, 4, 2);
        BatchGradient one = step(1, p, at);
        BatchGradient three = step(3, p, at);
        BatchGradient again = step(3, p, at);
        assertEquals(250, three.count);
        assertEquals(one.lossSum, three.lossSum, 1e-6 * one.lossSum);
        assertArrayEquals(one.gradient, three.gradient, 2e-5f); // same sum, another order
        assertArrayEquals(three.gradient, again.gradient, 0f);   // same shards: bit for bit
        assertEquals(three.lossSum, again.lossSum, 0);
    }

    @Test
    @Tag("allocation")
    void aShardedStepAllocatesNothing() {
        float[] p = Initializer.initialize(SPEC, 1);
        try (PartitionWorker w = new PartitionWorker(SPEC, Blas.gemm("auto"), BLOCK, 0, 2, true, 2)) {
            StepCoordinates[] steps = new StepCoordinates[100];
            for (int s = 0; s < steps.length; s++) {
                steps[s] = new StepCoordinates(0, s % 10, 10, s);
            }
            long[] ids = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ember-partition"))
                    .mapToLong(Thread::getId).toArray();
            assertTrue(ids.length >= 1, "shard threads are running");
            // Not one object per step (that would be >= 1,600 bytes); JVM bookkeeping accounts a few bytes now and then.
            long allocated = SteadyStateAllocation.lastRound(() -> {
                for (StepCoordinates at : steps) {
                    w.compute(p, at);
                }
            }, ids, 1023);
            System.out.println("bytes allocated by 100 two-thread steps once compiled: " + allocated);
            assertTrue(allocated < 1024, () -> allocated + " bytes allocated by 100 two-thread steps, both threads; "
                    + SteadyStateAllocation.vectorKernelTiers());
        }
    }

    @Test
    void aFailingShardFailsTheStep() {
        float[] tooShort = new float[10];
        try (PartitionWorker w = new PartitionWorker(SPEC, Blas.gemm("auto"), BLOCK, 0, 3, true, 2)) {
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> w.compute(tooShort, new StepCoordinates(0, 0, 4, 0)));
            // and the worker still works afterwards
            assertEquals(250, w.compute(Initializer.initialize(SPEC, 1), new StepCoordinates(0, 1, 4, 1)).count);
        }
    }
}
