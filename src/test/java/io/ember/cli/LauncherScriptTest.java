package io.ember.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/ember as a user runs it: quiet (no JVM incubator-module notice unless --verbose, a build in
 * one line), started from the build's class-data archive, with the rest of stderr and the exit code
 * passed through, and a SIGTERM reaching the JVM.
 */
class LauncherScriptTest {
    private static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path dir;

    /** The first run may build the project (on a fresh clone it does): then that is its one line of stderr. */
    @BeforeAll
    static void buildsInOneLine() throws IOException, InterruptedException {
        Run r = Run.of("scripts/ember", "--version");
        assertEquals(0, r.exit, r.toString());
        if (r.err.contains("ember: building")) {
            assertEquals("ember: building (mvn package) ...\n", r.err, "a build is one line: " + r);
        } else if (r.err.contains("ember: preparing")) {
            assertEquals("ember: preparing the JVM's class-data archive (once per build) ...\n", r.err, r.toString());
        }
        assertFalse(r.err.contains("\u001b"), "no escape codes: " + r);
    }

    @Test
    void versionPrintsNoJvmNotice() throws IOException, InterruptedException {
        Run r = Run.of("scripts/ember", "--version");
        assertEquals(0, r.exit, r.toString());
        assertEquals("ember 0.1.0\n", r.out, r.toString());
        assertEquals("", r.err, r.toString());
    }

    @Test
    void theJvmStartsFromTheClassDataArchiveOfThisBuild() throws IOException, InterruptedException {
        Path archive = Path.of("target/ember.jsa");
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(
                Path.of("target/ember-0.1.0.jar"))) > 0, "the archive was made after the jar");
        Path log = dir.resolve("class-load.log");
        Run r = Run.of("-c", "EMBER_JAVA_OPTS='-Xlog:class+load=info:file=" + log + "' scripts/ember --version");
        assertEquals(0, r.exit, r.toString());
        assertEquals("", r.err, r.toString());
        String loads = Files.readString(log);
        // the dynamic archive's classes are logged as coming from the "top" shared objects file
        assertTrue(loads.contains("io.ember.cli.Main source: shared objects file (top)"),
                loads.lines().filter(l -> l.contains("io.ember.cli.Main")).findFirst().orElse("Main not loaded"));
    }

    @Test
    void theHeapTakesTransparentHugePagesWhereLinuxOffersThemOnRequest() throws IOException, InterruptedException {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean madvise = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
        Run r = Run.of("-c", "EMBER_JAVA_OPTS=-XX:+PrintCommandLineFlags scripts/ember --version");
        assertEquals(0, r.exit, r.toString());
        // flags given on the command line are printed as such; the JVM's default is -XX:-UseTransparentHugePages
        assertEquals(madvise, r.out.contains("-XX:+UseTransparentHugePages"), r.toString());
    }

    @Test
    void aBadCommandKeepsItsErrorAndExitCode() throws IOException, InterruptedException {
        Run r = Run.of("scripts/ember", "frobnicate");
        assertEquals(2, r.exit, r.toString());
        assertFalse(r.err.contains(NOTICE), r.toString());
        assertTrue(r.err.startsWith("ember: Unmatched argument at index 0: 'frobnicate'"), r.toString());

        Run bad = Run.of("scripts/ember", "inspect", "--model", "no/such/model");
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.startsWith("ember: error: ") && bad.err.contains("no/such/model"), bad.toString());
        assertFalse(bad.err.contains(NOTICE), bad.toString());
    }

    @Test
    void verboseShowsTheJvmNotice() throws IOException, InterruptedException {
        Run r = Run.of("scripts/ember", "--verbose", "--version");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.err.contains(NOTICE), r.toString());
        assertEquals("ember 0.1.0\n", r.out, r.toString());
    }

    /** The JVM is the script's child (so the filter finishes first): a SIGTERM to the script must reach it. */
    @Test
    void aSigtermToTheScriptsPidStopsTheJvmAndItsFilter() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "scripts/ember", "train", "--data",
                "data/mnist-train-images-idx3-ubyte.gz", "--layers", "16:relu", "--epochs", "1000", "--master",
                "local[1]", "--output", dir.resolve("run").toString())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("network:"));
            assertTrue(line != null, "training started; stderr: " + Files.readString(dir.resolve("err.txt")));
            // the script exec'd the JVM: signals reach it directly and once; what remains is the stderr filter
            assertTrue(p.toHandle().info().command().orElse("").endsWith("java"), "the script became the JVM");
            List<ProcessHandle> children = p.toHandle().descendants().toList();
            p.destroy();   // SIGTERM to the script's PID, now the JVM's
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script ended");
            assertEquals(143, p.exitValue(), "the JVM's exit status after SIGTERM");
            for (ProcessHandle h : children) {
                assertTrue(h.onExit().completeOnTimeout(h, 30, TimeUnit.SECONDS).join() != null && !h.isAlive(),
                        "child " + h.pid() + " " + h.info().command().orElse("") + " ended");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    /** A finished run of a script: exit code, stdout and stderr. */
    static final class Run {
        final int exit;
        final String out;
        final String err;

        private Run(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        static Run of(String... command) throws IOException, InterruptedException {
            Path err = Files.createTempFile("ember-script", ".err");
            try {
                String[] bash = new String[command.length + 1];
                bash[0] = "bash";
                System.arraycopy(command, 0, bash, 1, command.length);
                Process p = new ProcessBuilder(bash).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(10, TimeUnit.MINUTES), String.join(" ", command) + " finished");
                return new Run(p.exitValue(), out, Files.readString(err));
            } finally {
                Files.delete(err);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
