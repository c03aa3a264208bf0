package io.ember.spark;

import io.ember.cli.CliRunner;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Spark job of a run carries a description a cluster user can find in the Spark UI, and the
 * step jobs a fixed call site (which also spares Spark a stack walk per job).
 */
class SparkJobLabelsTest {
    @TempDir
    Path dir;

    @Test
    void stepsValidationAndLoadingAreLabelled() {
        List<String> descriptions = Collections.synchronizedList(new ArrayList<>());
        List<String> callSites = Collections.synchronizedList(new ArrayList<>());
        SparkTests.spark("local[2]").sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String description = start.properties().getProperty("spark.job.description", "(none)");
                descriptions.add(description);
                callSites.add(description + " @ " + start.properties().getProperty("callSite.short", "(none)"));
            }
        });
        assertEquals(0, CliRunner.exit("train", "--data", "data/mnist-train-images-idx3-ubyte.gz", "--layers", "8:relu",
                "--epochs", "2", "--batch-size", "5000", "--validation-fraction", "0.1", "--master", "local[2]",
                "--output", dir.toString()));
        assertTrue(descriptions.contains("ember train epoch 1/2 step 1/3 (step 1 of 6)"), descriptions.toString());
        assertTrue(descriptions.contains("ember train epoch 2/2 step 3/3 (step 6 of 6)"), descriptions.toString());
        assertTrue(descriptions.contains("ember validation after epoch 2/2"), descriptions.toString());
        assertTrue(descriptions.stream().anyMatch(d -> d.startsWith("ember: read, check and cache the training data")),
                descriptions.toString());
        assertTrue(descriptions.stream().noneMatch(d -> d.equals("(none)")), descriptions.toString());
        assertTrue(callSites.contains("ember train epoch 2/2 step 3/3 (step 6 of 6) @ ember training step"),
                callSites.toString());
        // the step's call site is given back: the validation after the steps names its own
        assertTrue(callSites.stream().filter(c -> c.startsWith("ember validation"))
                .noneMatch(c -> c.endsWith("@ ember training step")), callSites.toString());
    }
}
