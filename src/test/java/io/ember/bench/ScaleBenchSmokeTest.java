package io.ember.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/bench-scale at its smallest, on a real standalone cluster of separate JVMs (its own work
 * folder and JVM tag, apart from scripts/cluster-test's): 1 and 2 executors, one parameter count,
 * a few steps. Spark's own counts must match the model's shape of each job and the bytes a step
 * must move, and no JVM of the run may be left behind.
 */
class ScaleBenchSmokeTest {
    private static final int PARAMETERS = 50_890;
    private static final double MB = PARAMETERS * 4 / 1e6;

    @Test
    void measuresOneAndTwoExecutorsOnARealClusterAndCleansUp() throws IOException, InterruptedException {
        Path work = Path.of("target/bench-scale-smoke").toAbsolutePath();
        Path log = Path.of("target/bench-scale-smoke.log");
        Process p = new ProcessBuilder("bash", "scripts/bench-scale", "--executors", "1,2", "--parameters",
                Integer.toString(PARAMETERS), "--links", "loopback", "--steps", "5", "--min-steps", "5", "--warmup", "3",
                "--seconds", "1", "--no-calibration", "--work", work.toString(), "--timeout", "480").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(9, TimeUnit.MINUTES); // on a shared, loaded machine it took over 4
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue(done, "bench-scale finished within its own time limit");
        assertEquals(0, p.exitValue(), out);

        List<ScaleRow> rows = Files.readAllLines(work.resolve("results.tsv")).stream()
                .filter(l -> !l.startsWith("#")).map(ScaleRow::parse).toList();
        assertEquals(10, rows.size(), out); // per N: empty, bcast, result, step at depths 1 and 2
        for (ScaleRow r : rows) {
            String what = r.executors() + " " + r.kind() + " depth " + r.depth() + ": " + r;
            ScaleModel.Shape s = ScaleModel.Shape.of(r.executors(), r.depth());
            assertEquals(s.tasks(), r.tasks(), 1e-9, what);
            assertEquals(s.results(), r.results(), 1e-9, what);
            assertEquals(5, r.steps(), what);
            assertTrue(r.p10Ms() > 0 && r.p10Ms() <= r.medianMs() && r.medianMs() <= r.p90Ms(), what);
            assertTrue(r.driverCpuMs() > 0 && r.executorCpuMs() > 0, what);
            assertTrue(out.contains(String.format(Locale.ROOT, "%-9s %3d %-6s %,9d %5.2f %2d %5d ", r.link(),
                    r.executors(), r.kind(), r.parameters(), r.megabytes(), r.depth(), r.steps())),
                    "the printed table holds " + what);
            boolean returnsGradients = r.kind().equals("result") || r.kind().equals("step");
            // Spark's resultSize: a gradient of 4 bytes per parameter per result the driver adds, plus envelopes
            double floor = returnsGradients ? s.results() * MB : 0;
            assertTrue(r.resultMb() >= floor && r.resultMb() < floor + (s.tasks() * 4096) / 1e6, what);
            // the driver's JVM read at least those bytes from its sockets
            assertTrue(r.readMb() >= r.resultMb(), what);
            if (r.executors() == 1 && (r.kind().equals("bcast") || r.kind().equals("step"))) {
                // one executor can fetch the parameters only from the driver
                assertTrue(r.writtenMb() >= MB, what);
            }
            if (r.executors() == 2 && r.kind().equals("step") && r.depth() == 2) {
                // both partition gradients go through the shuffle to the one group
                assertTrue(r.shuffleMb() >= 2 * MB, what);
            }
        }
        assertTrue(out.contains("model: not fitted: 10 loopback rows at 2 executor counts"), out);
        List<String> left = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains("ember.bench.scale=" + work + "/"))
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("")).toList();
        assertTrue(left.isEmpty(), "JVMs left behind: " + left);
    }

    @Test
    void aBadOptionIsOneLineNamingItAndExitCode2() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "scripts/bench-scale", "--executors", "1,x").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertEquals("bench-scale: error: --executors '1,x': a comma-separated list of counts", out.strip());
    }
}
