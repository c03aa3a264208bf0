package io.ember.spark;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/cluster-test as CI runs it: a real standalone cluster of separate JVMs on 127.0.0.1,
 * an executor killed with SIGKILL and the driver killed and resumed, each ending with parameters
 * bitwise equal to an undisturbed run.
 */
class ClusterTest {
    @Test
    void survivesExecutorAndDriverKillsWithBitwiseEqualParameters() throws IOException, InterruptedException {
        Path log = Path.of("target/cluster-test.log");
        Process p = new ProcessBuilder("bash", "scripts/cluster-test").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) {   // the script's own cleanup does not run on SIGKILL: stop its Master, Workers and driver too
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue(done, "cluster-test finished within 15 minutes");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("PASS executor kill"), out);
        assertTrue(out.contains("PASS driver kill + resume"), out);
        assertTrue(out.contains("all passed"), out);
    }
}
