package io.ember.bench;

import io.ember.config.Config;
import io.ember.spark.PreparedData;
import io.ember.spark.SparkTrainer;
import io.ember.train.StepReport;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingState;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockId;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long run of small steps that reports the heap after a full GC at ten points and the broadcast
 * blocks the block manager still holds: flat figures mean no broadcast or buffer leaks. In local
 * mode the driver and the executors share one JVM, so one heap covers both.
 */
final class HeapRun {
    private HeapRun() {
    }

    static Map<String, Object> run(JavaSparkContext sc, Config base, PreparedData prepared, int steps,
                                   MllibRival.Log log) {
        log.line("%n== long run: %,d steps (global batch 64), heap after full GC", steps);
        Config config = base.with("batch-size", "64").with("epochs", "1000")
                .with("max-steps", Integer.toString(steps));
        List<Map<String, Object>> points = new ArrayList<>();
        long every = Math.max(1, steps / 10);
        long start = System.nanoTime();
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onStep(StepReport r, TrainingState s) {
                long step = r.at().globalStep + 1;
                if (step == 1 || step % every == 0) {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    int broadcasts = broadcastBlocks();
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("step", step);
                    p.put("heap_mb", used / 1e6);
                    p.put("broadcast_blocks", broadcasts);
                    points.add(p);
                    log.line("step %,7d  heap %8.1f MB  broadcast blocks held %d  (%.0f s)", step, used / 1e6,
                            broadcasts, (System.nanoTime() - start) / 1e9);
                }
            }
        };
        SparkTrainer.fit(sc, config, prepared, null, null, probe);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("points", points);
        return m;
    }

    private static int broadcastBlocks() {
        return SparkEnv.get().blockManager().getMatchingBlockIds(new IsBroadcast()).size();
    }

    private static final class IsBroadcast extends AbstractFunction1<BlockId, Object> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object apply(BlockId id) {
            return id.isBroadcast();
        }
    }
}
