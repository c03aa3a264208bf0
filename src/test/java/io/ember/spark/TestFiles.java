package io.ember.spark;

import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real data files for tests: embedded MNIST digits written as LIBSVM and CSV. */
public final class TestFiles {
    private TestFiles() {
    }

    /** The first {@code n} embedded training digits as a LIBSVM file (zeros omitted, 1-based indices). */
    public static Path mnistLibsvm(Path dir, int n) {
        Examples ex = EmbeddedMnist.train(n);
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            StringBuilder sb = new StringBuilder().append((int) ex.labels()[r]);
            for (int j = 0; j < 784; j++) {
                float v = ex.features()[r * 784 + j];
                if (v != 0f) {
                    sb.append(' ').append(j + 1).append(':').append(v);
                }
            }
            lines.add(sb.toString());
        }
        return write(dir.resolve("mnist.libsvm"), lines);
    }

    /** The first {@code n} embedded training digits as CSV with a header, label column "digit" third. */
    public static Path mnistCsv(Path dir, int n) {
        Examples ex = EmbeddedMnist.train(n);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("p0,p1,digit");
        for (int j = 2; j < 784; j++) {
            header.append(",p").append(j);
        }
        lines.add(header.toString());
        for (int r = 0; r < n; r++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 784; j++) {
                if (j == 2) {
                    sb.append((int) ex.labels()[r]).append(',');
                }
                sb.append(ex.features()[r * 784 + j]).append(j < 783 ? "," : "");
            }
            lines.add(sb.toString());
        }
        return write(dir.resolve("mnist.csv"), lines);
    }

    public static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
