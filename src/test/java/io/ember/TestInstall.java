package io.ember;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs a system installer command (apt-get) for a test's optional tool, its output discarded. */
public final class TestInstall {
    private TestInstall() {
    }

    /**
     * Runs {@code command} non-interactively, for at most 10 minutes.
     *
     * @param why said after "failed" when the command fails or times out, or empty
     */
    public static void run(String why, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed" + (why.isEmpty() ? "" : ": " + why));
        }
    }
}
