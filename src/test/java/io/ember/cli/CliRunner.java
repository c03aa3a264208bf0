package io.ember.cli;

/** Runs the command line in-process for tests outside this package. */
public final class CliRunner {
    private CliRunner() {
    }

    /** The exit code of {@code ember args...}, its output discarded. */
    public static int exit(String... args) {
        return Cli.run(args).exit;
    }
}
