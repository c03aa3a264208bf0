package io.ember.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's chromium package for the report test: installed with apt-get when missing (CI runs as root). */
final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static synchronized String ensureInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            run("apt-get", "update", "-qq");
            run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium");
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("could not install Debian's chromium package");
        }
        return BINARY.toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }
}
