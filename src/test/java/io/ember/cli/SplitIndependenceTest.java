package io.ember.cli;

import io.ember.EmberModel;
import io.ember.spark.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's determinism promise: a training partition holds the same rows whatever splits the
 * input was read in. The same rows as one plain CSV file (read in two byte splits), as a .csv.gz
 * (one split) and as two files in a directory train to bitwise the same parameters.
 */
class SplitIndependenceTest {
    @TempDir
    Path dir;

    @Test
    void plainGzippedAndSplitFilesTrainTheSame() throws IOException {
        Path csv = TestFiles.mnistCsv(Files.createDirectories(dir.resolve("plain")), 600);
        Path gz = dir.resolve("gz/mnist.csv.gz");
        Files.createDirectories(gz.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(csv, out);
        }
        var lines = Files.readAllLines(csv);
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Files.write(parts.resolve("a.csv"), lines.subList(0, 301));
        var rest = new java.util.ArrayList<>(lines.subList(301, lines.size()));
        rest.add(0, lines.get(0));
        Files.write(parts.resolve("b.csv"), rest);

        float[] plain = train(csv.toString(), "plain-run");
        assertArrayEquals(plain, train(gz.toString(), "gz-run"), 0f, "plain against gzipped");
        assertArrayEquals(plain, train(parts.toString(), "parts-run"), 0f, "one file against two");
    }

    private float[] train(String data, String out) throws IOException {
        Cli c = Cli.run("train", "--data", data, "--format", "csv", "--label-column", "digit", "--layers", "16:relu",
                "--epochs", "2", "--batch-size", "64", "--partitions", "2", "--deterministic", "true",
                "--validation-fraction", "0.1", "--master", "local[2]", "--output", dir.resolve(out).toString());
        assertEquals(0, c.exit, c.toString());
        return EmberModel.load(dir.resolve(out).resolve("model").toString()).parameters();
    }
}
