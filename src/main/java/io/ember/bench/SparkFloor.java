package io.ember.bench;

import io.ember.data.DataBlock;
import io.ember.spark.SparkCallSite;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;

/**
 * The bare Spark job floor: an empty job over the cached training blocks, as the steps see them
 * ({@link io.ember.spark.CachedBlocks}), through {@code SparkContext.runJob} with a small named
 * function class (no closure to clean), under the same fixed call site as the steps.
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

    static double medianEmptyJobMs(JavaSparkContext sc, JavaRDD<DataBlock> blocks, int jobs) {
        double[] ms = new double[jobs];
        io.ember.spark.CachedBlocks view = new io.ember.spark.CachedBlocks(blocks);
        for (int i = 0; i < jobs; i++) {
            long t = System.nanoTime();
            SparkCallSite.named(sc, "ember empty job", () ->
                    sc.sc().runJob(view, new Nothing(), ClassTag$.MODULE$.apply(Integer.class)));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return Benchmark.median(ms);
    }
}
