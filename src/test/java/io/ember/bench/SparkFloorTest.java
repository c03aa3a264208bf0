package io.ember.bench;

import io.ember.data.DataBlock;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkTests;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's two floors are what they claim: the empty job returns next to nothing, and the
 * payload job returns a step's gradient of the parameter count, sized from the broadcast it read,
 * as Spark's own task metrics count it (4 bytes a parameter, 2 with bf16 transport).
 */
class SparkFloorTest {
    private static final int PARAMETERS = 100_000;

    @Test
    void thePayloadJobMovesAStepsBytesAndTheEmptyJobNone() throws Exception {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        JavaRDD<DataBlock> blocks = sc.parallelize(List.of(new DataBlock(new float[6], new float[2], 2, 3, 1, 0)), 1)
                .persist(StorageLevel.MEMORY_ONLY());
        blocks.count();
        // the listener bus is asynchronous: let count()'s task end pass before listening, or it is counted
        sc.sc().listenerBus().waitUntilEmpty();
        List<Long> resultBytes = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                resultBytes.add(end.taskMetrics().resultSize());
            }
        };
        sc.sc().addSparkListener(listener);
        try {
            assertTrue(SparkFloor.medianEmptyJobMs(sc, blocks, 3) > 0);
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(3, resultBytes.size(), resultBytes.toString());
            assertTrue(resultBytes.stream().allMatch(b -> b < 4_096), resultBytes.toString());

            resultBytes.clear();
            assertTrue(SparkFloor.medianPayloadJobMs(sc, blocks, PARAMETERS, 3) > 0);
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(3, resultBytes.size(), resultBytes.toString());
            assertTrue(resultBytes.stream().allMatch(b -> b >= 4L * PARAMETERS && b < 4L * PARAMETERS + 4_096),
                    resultBytes.toString());

            resultBytes.clear();
            assertTrue(SparkFloor.medianPayloadJobMs(sc, blocks, PARAMETERS, 3, SparkSettings.Transport.BF16) > 0);
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(3, resultBytes.size(), resultBytes.toString());
            assertTrue(resultBytes.stream().allMatch(b -> b >= 2L * PARAMETERS && b < 2L * PARAMETERS + 4_096),
                    "bf16: 2 bytes per parameter " + resultBytes);
        } finally {
            sc.sc().removeSparkListener(listener);
            blocks.unpersist();
        }
    }
}
