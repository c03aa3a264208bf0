package io.ember.spark;

import io.ember.config.Config;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How a run maps onto the Spark application: one training partition (one task per step) per
 * executor, computing with as many threads as the executor has cores. In local mode that is one
 * partition and the N threads of local[N].
 */
public final class SparkResources {
    private SparkResources() {
    }

    /** True for local[...] masters (one JVM; local-cluster is a real cluster of JVMs). */
    public static boolean local(JavaSparkContext sc) {
        return sc.master().startsWith("local") && !sc.master().startsWith("local-cluster");
    }

    /** Executors registered with the driver (1 in local mode). */
    public static int executors(JavaSparkContext sc) {
        if (local(sc)) {
            return 1;
        }
        return Math.max(1, sc.sc().statusTracker().getExecutorInfos().length - 1); // the driver is listed too
    }

    /** Cores per executor: local[N]'s N, else spark.executor.cores, else total cores over executors. */
    public static int coresPerExecutor(JavaSparkContext sc) {
        if (local(sc)) {
            return sc.defaultParallelism();
        }
        int configured = sc.getConf().getInt("spark.executor.cores", 0);
        return configured > 0 ? configured : Math.max(1, sc.defaultParallelism() / executors(sc));
    }

    /** Training partitions: the configured count, else one per executor. */
    public static int partitions(JavaSparkContext sc, Config config) {
        int configured = config.get(SparkSettings.PARTITIONS);
        return configured > 0 ? configured : executors(sc);
    }

    /** The heaps a run has: the driver's, an executor's (the same JVM's in local mode) and Spark's memory fraction. */
    public static io.ember.train.MemoryEstimate.Budget memoryBudget(JavaSparkContext sc) {
        long driver = Runtime.getRuntime().maxMemory();
        double fraction = sc.getConf().getDouble("spark.memory.fraction", 0.6);
        if (local(sc)) {
            return new io.ember.train.MemoryEstimate.Budget(driver, driver, fraction, true, 1, "the JVM's -Xmx");
        }
        long executor = sc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
        return new io.ember.train.MemoryEstimate.Budget(driver, executor, fraction, false, executors(sc),
                "spark.executor.memory");
    }

    /** Threads per step task: the configured count, else the cores of an executor divided among its partitions. */
    public static int taskThreads(JavaSparkContext sc, Config config, int partitions) {
        int configured = config.get(SparkSettings.TASK_THREADS);
        if (configured > 0) {
            return configured;
        }
        int perExecutor = (partitions + executors(sc) - 1) / executors(sc);
        return Math.max(1, coresPerExecutor(sc) / perExecutor);
    }
}
