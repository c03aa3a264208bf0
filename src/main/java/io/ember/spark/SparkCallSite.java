package io.ember.spark;

import org.apache.spark.api.java.JavaSparkContext;

import java.util.function.Supplier;

/**
 * Runs Spark calls under a fixed call site. Without one, Spark walks the calling thread's stack
 * for every job and every broadcast to name it (Utils.getCallSite, about 0.1 ms each on the
 * per-step path); the name also reads better in the Spark UI than a line of Ember's code.
 */
public final class SparkCallSite {
    private static final String SHORT = "callSite.short";
    private static final String LONG = "callSite.long";

    private SparkCallSite() {
    }

    /**
     * Runs {@code calls} with {@code name} as the call site, then restores the thread's previous one.
     *
     * @param sc    the context
     * @param name  the call site's short and long form
     * @param calls the Spark calls to make
     * @param <T>   what they return
     * @return what {@code calls} returned
     */
    public static <T> T named(JavaSparkContext sc, String name, Supplier<T> calls) {
        String shortBefore = sc.getLocalProperty(SHORT);
        String longBefore = sc.getLocalProperty(LONG);
        sc.setLocalProperty(SHORT, name);
        sc.setLocalProperty(LONG, name);
        try {
            return calls.get();
        } finally {
            sc.setLocalProperty(SHORT, shortBefore);
            sc.setLocalProperty(LONG, longBefore);
        }
    }
}
