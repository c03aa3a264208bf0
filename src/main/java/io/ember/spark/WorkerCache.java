package io.ember.spark;

import io.ember.data.DataBlock;
import io.ember.linalg.Blas;
import io.ember.step.Bf16Wire;
import io.ember.step.PartitionWorker;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Executor-side cache of partition workers (workspace, gradient buffer, epoch order, bfloat16 wire), so a step
 * allocates nothing. Keyed by run and partition; a worker is rebuilt when its cached block was
 * evicted and recomputed. At most a few runs are kept per JVM (least recently used go first).
 */
final class WorkerCache {
    private static final int MAX_RUNS = 4;

    private static final class Entry {
        final DataBlock block;
        final PartitionWorker worker;
        /** Its bfloat16 wire, whose buffers are made on first use (none with float32 transport). */
        final Bf16Wire wire = new Bf16Wire();
        boolean busy;
        boolean temporary;

        Entry(DataBlock block, PartitionWorker worker) {
            this.block = block;
            this.worker = worker;
        }
    }

    private static final Map<String, Map<Integer, Entry>> RUNS = new LinkedHashMap<>(8, 0.75f, true);

    private WorkerCache() {
    }

    /**
     * Runs {@code step} with this partition's worker and its bfloat16 wire (private ones if a speculative twin
     * holds them).
     */
    static <R> R withWorker(TaskSpec spec, int partition, DataBlock block,
                            BiFunction<PartitionWorker, Bf16Wire, R> step) {
        Entry entry;
        synchronized (RUNS) {
            Map<Integer, Entry> run = RUNS.computeIfAbsent(spec.runId, k -> new HashMap<>());
            evictOldRuns();
            entry = run.get(partition);
            if (entry == null || entry.block != block) {
                if (entry != null) {
                    entry.worker.close();
                }
                entry = new Entry(block, newWorker(spec, partition, block));
                run.put(partition, entry);
            }
            if (entry.busy) {
                entry = new Entry(block, newWorker(spec, partition, block));
                entry.temporary = true;
            } else {
                entry.busy = true;
            }
        }
        try {
            return step.apply(entry.worker, entry.wire);
        } finally {
            synchronized (RUNS) {
                entry.busy = false;
            }
            if (entry.temporary) {
                entry.worker.close();
            }
        }
    }

    /** Forgets a finished run's workers (in this JVM). */
    static void release(String runId) {
        synchronized (RUNS) {
            close(RUNS.remove(runId));
        }
    }

    private static void evictOldRuns() {
        Iterator<Map.Entry<String, Map<Integer, Entry>>> it = RUNS.entrySet().iterator();
        while (RUNS.size() > MAX_RUNS && it.hasNext()) {
            close(it.next().getValue());
            it.remove();
        }
    }

    private static void close(Map<Integer, Entry> run) {
        if (run != null) {
            run.values().forEach(e -> e.worker.close());
        }
    }

    private static PartitionWorker newWorker(TaskSpec spec, int partition, DataBlock block) {
        return new PartitionWorker(spec.spec, Blas.gemm(spec.blas), block, partition, spec.seed, spec.shuffle,
                spec.threads);
    }
}
