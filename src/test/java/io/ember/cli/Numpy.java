package io.ember.cli;

import io.ember.TestInstall;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A python3 that imports numpy, for the README snippet test: python3 on the PATH if it has numpy,
 * else Debian's /usr/bin/python3, with Debian's python3-numpy installed by apt-get when missing (PyPI
 * is not reachable here; CI runs as root, as for the report test's chromium).
 */
final class Numpy {
    private static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    private Numpy() {
    }

    /** The path or name of a python3 that imports numpy; installs python3-numpy if none does. */
    static synchronized String python() throws IOException, InterruptedException {
        for (String python : List.of("python3", DEBIAN_PYTHON.toString())) {
            if (importsNumpy(python)) {
                return python;
            }
        }
        String why = "numpy is needed to run README's numpy snippet (python3 with numpy on the PATH, or Debian's "
                + "python3-numpy)";
        TestInstall.run(why, "apt-get", "update", "-qq");
        TestInstall.run(why, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-numpy");
        if (!importsNumpy(DEBIAN_PYTHON.toString())) {
            throw new IllegalStateException("apt-get installed python3-numpy, but " + DEBIAN_PYTHON
                    + " cannot import numpy");
        }
        return DEBIAN_PYTHON.toString();
    }

    private static boolean importsNumpy(String python) throws InterruptedException {
        if (python.startsWith("/") && !Files.isExecutable(Path.of(python))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notOnPath) {
            return false;
        }
    }
}
