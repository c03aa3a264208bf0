package io.ember.bench;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, by Spark's own task metrics, the bytes the training steps' tasks send back to the driver
 * (their serialized results) and the steps (jobs named "ember training step"), and prints them when
 * the application ends. Registered through {@code spark.extraListeners} by scripts/bench-sparse.
 */
public final class StepBytes extends SparkListener {
    static final AtomicLong RESULT_BYTES = new AtomicLong();
    static final AtomicLong STEPS = new AtomicLong();
    static final AtomicLong TASKS = new AtomicLong();
    private static final Set<Integer> STEP_STAGES = ConcurrentHashMap.newKeySet();

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String name = job.properties() == null ? null : job.properties().getProperty("callSite.short");
        if ("ember training step".equals(name)) {
            STEPS.incrementAndGet();
            for (Object id : scala.collection.JavaConverters.seqAsJavaList(job.stageIds())) {
                STEP_STAGES.add((Integer) id);
            }
        }
    }

    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd end) {
        long steps = STEPS.get();
        System.out.printf(java.util.Locale.ROOT, "step bytes: %d steps, %d tasks; the tasks returned %,d bytes in "
                + "all, %,.0f bytes per step (Spark's task metrics, resultSize)%n", steps, TASKS.get(),
                RESULT_BYTES.get(), RESULT_BYTES.get() / (double) Math.max(1, steps));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        if (STEP_STAGES.contains(task.stageId()) && task.taskMetrics() != null) {
            RESULT_BYTES.addAndGet(task.taskMetrics().resultSize());
            TASKS.incrementAndGet();
        }
    }
}
