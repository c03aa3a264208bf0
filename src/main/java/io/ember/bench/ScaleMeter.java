package io.ember.bench;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.collection.JavaConverters;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark's own counts for {@link ScaleBench}'s cases: the jobs started under a case's local property
 * and, from the task metrics of their tasks, the task results the driver received (resultSize: the
 * serialized task results as the driver got them, direct or fetched from an executor's block manager,
 * map statuses included) and the bytes written to the shuffle (the executor-to-executor traffic of a
 * deeper tree sum).
 */
final class ScaleMeter extends SparkListener {
    /** What a case's tasks added up to. */
    record Sums(long jobs, long tasks, long resultTasks, long resultBytes, long shuffleBytes) {
        Sums plus(Sums o) {
            return new Sums(jobs + o.jobs, tasks + o.tasks, resultTasks + o.resultTasks, resultBytes + o.resultBytes,
                    shuffleBytes + o.shuffleBytes);
        }
    }

    private static final Sums NONE = new Sums(0, 0, 0, 0, 0);

    private final String property;
    private final Map<Integer, String> stageCase = new ConcurrentHashMap<>();
    private final Map<String, Sums> sums = new ConcurrentHashMap<>();

    /** Counts jobs started with the local property {@code property} set, by its value. */
    ScaleMeter(String property) {
        this.property = property;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String id = start.properties() == null ? null : start.properties().getProperty(property);
        if (id == null) {
            return;
        }
        for (Object stage : JavaConverters.seqAsJavaList(start.stageIds())) {
            stageCase.put((Integer) stage, id);
        }
        sums.merge(id, new Sums(1, 0, 0, 0, 0), Sums::plus);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String id = stageCase.get(end.stageId());
        TaskMetrics m = end.taskMetrics();
        if (id == null || m == null) {
            return;
        }
        boolean result = "ResultTask".equals(end.taskType());
        sums.merge(id, new Sums(0, 1, result ? 1 : 0, m.resultSize(),
                m.shuffleWriteMetrics().bytesWritten()), Sums::plus);
    }

    /** The sums of case {@code id}, forgotten here (call after the listener bus is drained). */
    Sums take(String id) {
        stageCase.values().removeIf(id::equals);
        Sums s = sums.remove(id);
        return s == null ? NONE : s;
    }
}
