package io.ember.bench;

import io.ember.data.DataBlock;
import io.ember.linalg.Bfloat16;
import io.ember.spark.CachedBlocks;
import io.ember.spark.SparkCallSite;
import io.ember.spark.SparkSettings;
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
 * destroys the broadcast on a background thread; with {@code transport = bf16}, as such a step does,
 * a short array each way (2 bytes per parameter) and no conversion.
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
        /** The same as bfloat16, for a short[] broadcast. */
        private static short[] resultBf16 = new short[0];

        /** float[] parameters, or short[] (bfloat16) ones: the result then has the same form. */
        private final Broadcast<?> params;
        private final int resultLength;

        Echo(Broadcast<?> params) {
            this(params, -1);
        }

        /** A result of {@code resultLength} values, or of the parameters' length when negative. */
        Echo(Broadcast<?> params, int resultLength) {
            this.params = params;
            this.resultLength = resultLength;
        }

        @Override
        public BatchGradient apply(TaskContext context, Iterator<DataBlock> blocks) {
            Object p = params == null ? null : params.value();
            int n = p == null ? 0 : p instanceof short[] s ? s.length : ((float[]) p).length;
            if (resultLength >= 0) {
                n = resultLength;
            }
            synchronized (Echo.class) {
                if (p instanceof short[]) {
                    if (resultBf16.length != n) {
                        resultBf16 = new short[n];
                        Bfloat16.narrow(noise(n), 0, resultBf16, 0, n);
                    }
                    BatchGradient g = new BatchGradient(null, 0, 0, 0);
                    g.gradientBf16 = resultBf16;
                    return g;
                }
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
        return medianPayloadJobMs(sc, blocks, parameters, jobs, SparkSettings.Transport.FLOAT32);
    }

    /**
     * The median wall time of a job that moves {@code parameters} values in and out as a step with
     * {@code transport} does: float32, or bfloat16 (2 bytes each way, conversions left out).
     */
    static double medianPayloadJobMs(JavaSparkContext sc, JavaRDD<DataBlock> blocks, int parameters, int jobs,
                                     SparkSettings.Transport transport) {
        CachedBlocks view = new CachedBlocks(blocks);
        Object params = transport == SparkSettings.Transport.BF16 ? new short[parameters] : new float[parameters];
        ExecutorService destroyer = Executors.newSingleThreadExecutor();
        try {
            return medianMs(jobs, () -> SparkCallSite.named(sc, "ember payload job", () -> {
                Broadcast<Object> b = sc.broadcast(params);
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
