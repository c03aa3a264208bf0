package io.ember.spark;

import ai.onnxruntime.OrtSession;
import io.ember.EmberModel;
import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;
import io.ember.onnx.OnnxRuntimeCheck;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/cluster-test as CI runs it: a real standalone cluster of separate JVMs on 127.0.0.1,
 * an executor killed with SIGKILL and the driver killed and resumed, each ending with parameters
 * bitwise equal to an undisturbed run; and 'ember export' from a spark-submit job with Spark's own
 * protobuf-java on the classpath, its ONNX file checked in ONNX Runtime.
 */
class ClusterTest {
    @Test
    void survivesExecutorAndDriverKillsWithBitwiseEqualParameters() throws Exception {
        Path log = Path.of("target/cluster-test.log");
        Process p = new ProcessBuilder("bash", "scripts/cluster-test").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            // the script's trap does not run when it is killed: end what it started (Master, Workers, drivers,
            // executors) first
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue(done, "cluster-test finished within 15 minutes");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("PASS executor kill"), out);
        assertTrue(out.contains("PASS driver kill + resume"), out);
        assertTrue(out.contains("PASS executor kill during a checkpoint"), out);
        assertTrue(out.contains("PASS export from spark-submit"), out);
        assertTrue(out.contains("all passed"), out);
        theExportFromSparkSubmitPredictsWhatTheModelDoes();
    }

    /** The ONNX file the spark-submit job wrote, in ONNX Runtime, against Ember on 1,000 held-out digits. */
    private static void theExportFromSparkSubmitPredictsWhatTheModelDoes() throws Exception {
        EmberModel m = EmberModel.load("target/cluster-test/reference/model");
        Examples digits = EmbeddedMnist.test(1000);
        OnnxRuntimeCheck.Outputs ember = OnnxRuntimeCheck.ember(m, digits.features(), digits.rows());
        try (OrtSession s = OnnxRuntimeCheck.session(Files.readAllBytes(Path.of("target/cluster-test/reference.onnx")))) {
            OnnxRuntimeCheck.Outputs onnx = OnnxRuntimeCheck.run(s, digits.features(), digits.rows());
            assertArrayEquals(ember.labels, onnx.labels);
            for (int i = 0; i < ember.probabilities.length; i++) {
                assertEquals(ember.probabilities[i], onnx.probabilities[i], 1e-5 * ember.probabilities[i] + 1e-6);
            }
        }
    }
}
