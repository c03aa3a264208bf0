package io.ember.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals sent to a real scripts/ember process: SIGTERM (and Ctrl-C's SIGINT) stop training at the
 * next step with a checkpoint and one line naming it and the resume command, which then finishes the
 * run; a second Ctrl-C stops the JVM at once. No Spark "job cancelled" trace either way.
 */
class SignalTest {
    @TempDir
    Path dir;

    private Process start(Path output, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/ember", "train", "--data",
                "data/mnist-train-images-idx3-ubyte.gz", "--layers", "64:relu", "--batch-size", "32", "--epochs", "2",
                "--checkpoint-every-epochs", "0", "--master", "local[2]", "--output", output.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitForSteps(Path metrics, int steps, Process p) throws Exception {
        for (int i = 0; i < 3000 && p.isAlive(); i++) {
            if (Files.exists(metrics) && Files.readString(metrics).split("\"type\":\"step\"", -1).length > steps) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("training did not reach step " + steps);
    }

    private static void signal(Process p, String name) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor());
    }

    @Test
    void sigtermCheckpointsAtTheNextStepAndTheRunResumes() throws Exception {
        Path out = dir.resolve("run");
        Path log = dir.resolve("term.log");
        Process p = start(out, log);
        waitForSteps(out.resolve("metrics.jsonl"), 20, p);
        signal(p, "TERM");
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String said = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(143, p.exitValue(), said);
        Matcher m = Pattern.compile("SIGTERM: interrupted after step (\\d+) .*; checkpoint (\\S+)\\. Continue with: "
                + "scripts/ember train --resume --output " + Pattern.quote(out.toString())).matcher(said);
        assertTrue(m.find(), said);
        assertTrue(m.group(2).endsWith(String.format("step-%012d", Long.parseLong(m.group(1)))), m.group(2));
        assertTrue(Files.exists(Path.of(m.group(2).replace("file:", ""), "checkpoint.json")), m.group(2));
        assertFalse(said.contains("cancelled") || said.contains("\tat "), said);
        assertFalse(Files.exists(out.resolve("model")), "an interrupted run writes no model");

        Process resumed = new ProcessBuilder("bash", "scripts/ember", "train", "--resume", "--output", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("resume.log").toFile()).start();
        assertTrue(resumed.waitFor(5, TimeUnit.MINUTES));
        String again = Files.readString(dir.resolve("resume.log"), StandardCharsets.UTF_8);
        assertEquals(0, resumed.exitValue(), again);
        assertTrue(again.contains("resuming run ") && again.contains("stopped: completed 2 epochs"), again);
        assertTrue(Files.exists(out.resolve("model/params.bin")), again);
    }

    @Test
    void aSecondCtrlCStopsAtOnce() throws Exception {
        // a process started with SIGINT ignored (a background job of a non-interactive shell: "mvn test &" in
        // a script) passes that on to scripts/ember's JVM, where Ctrl-C then cannot arrive
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).trim();
        assertEquals(0, Long.parseLong(ignored, 16) & 0x2, "SIGINT is ignored by this test run's processes (started "
                + "as a background job of a script?): run the tests in the foreground");
        Path out = dir.resolve("run2");
        Path log = dir.resolve("int.log");
        Process p = start(out, log);
        waitForSteps(out.resolve("metrics.jsonl"), 5, p);
        signal(p, "INT");
        signal(p, "INT");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped at once");
        String said = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), said);
        assertTrue(said.contains("INT again: stopping now"), said);
    }
}
