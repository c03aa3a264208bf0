package io.ember.bench;

import io.ember.data.DataBlock;
import io.ember.spark.CachedBlocks;
import io.ember.spark.SparkCallSite;
import io.ember.step.BatchGradient;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The bare Spark job floor: an empty job over the cached training blocks, as the steps see them
 * ({@link CachedBlocks}), through {@code SparkContext.runJob} with a small named function class
 * (no closure to clean), under the same fixed call site as the steps.
 *
 * <p>And the payload floor: the same job carrying a step's payload and nothing else, so that a
 * step's Spark part can be split into what Spark charges for moving the parameters in and the
 * gradient out and what Ember adds. Like a step, it broadcasts a float array of the parameter
 * count without a copy, reads it in the task, returns a {@link BatchGradient} of that length and
 * destroys the broadcast on a background thread.
 */
final class SparkFloor {
    private SparkFloor() {
    }

    private static final class Nothing extends AbstractFunction2<TaskContext, Iterator<DataBlock>, Integer>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer apply(TaskContext context, Iterator<DataBlock> blocks) {
            return 0;
        }
    }

    /**
     * Reads the broadcast parameters and returns a result of their length (or of a given length),
     * nothing else. Also {@link ScaleBench}'s task.
     */
    static final class Echo extends AbstractFunction2<TaskContext, Iterator<DataBlock>, BatchGradient>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        /**
         * One result buffer per executor JVM, reused like a worker's gradient buffer. Its values do not matter,
         * but they do not compress, like a gradient's (a shuffle compresses what it writes).
         */
        private static float[] result = new float[0];

        private final Broadcast<float[]> params;
        private final int resultLength;

        Echo(Broadcast<float[]> params) {
            this(params, -1);
        }

        /** A result of {@code resultLength} floats, or of the parameters' length when negative. */
        Echo(Broadcast<float[]> params, int resultLength) {
            this.params = params;
            this.resultLength = resultLength;
        }

        @Override
        public BatchGradient apply(TaskContext context, Iterator<DataBlock> blocks) {
            int n = params == null ? 0 : params.value().length;
            if (resultLength >= 0) {
                n = resultLength;
            }
            synchronized (Echo.class) {
                if (result.length != n) {
                    result = noise(n);
                }
                return new BatchGradient(result, 0, 0, 0);
            }
        }
    }

    /** {@code n} pseudo-random floats in [-1, 1), as incompressible as real parameters and gradients. */
    static float[] noise(int n) {
        SplittableRandom random = new SplittableRandom(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * random.nextDouble() - 1);
        }
        return v;
    }

    static double medianEmptyJobMs(JavaSparkContext sc, JavaRDD<DataBlock> blocks, int jobs) {
        CachedBlocks view = new CachedBlocks(blocks);
        return medianMs(jobs, () -> SparkCallSite.named(sc, "ember empty job", () ->
                sc.sc().runJob(view, new Nothing(), ClassTag$.MODULE$.apply(Integer.class))));
    }

    /** The median wall time of a job that moves {@code parameters} floats in and out as a step does. */
    static double medianPayloadJobMs(JavaSparkContext sc, JavaRDD<DataBlock> blocks, int parameters, int jobs) {
        CachedBlocks view = new CachedBlocks(blocks);
        float[] params = new float[parameters];
        ExecutorService destroyer = Executors.newSingleThreadExecutor();
        try {
            return medianMs(jobs, () -> SparkCallSite.named(sc, "ember payload job", () -> {
                Broadcast<float[]> b = sc.broadcast(params);
                try {
                    return sc.sc().runJob(view, new Echo(b), ClassTag$.MODULE$.apply(BatchGradient.class));
                } finally {
                    destroyer.execute(b::destroy);
                }
            }));
        } finally {
            destroyer.shutdown();
            awaitQuietly(destroyer);
        }
    }

    private static double medianMs(int jobs, Runnable job) {
        double[] ms = new double[jobs];
        for (int i = 0; i < jobs; i++) {
            long t = System.nanoTime();
            job.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return Benchmark.median(ms);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
