package io.ember.report;

import io.ember.TestInstall;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Debian's chromium package for the report test: installed with apt-get when missing (CI runs as root). */
final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static synchronized String ensureInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            TestInstall.run("", "apt-get", "update", "-qq");
            TestInstall.run("", "apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium");
        }
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("could not install Debian's chromium package");
        }
        return BINARY.toString();
    }
}
