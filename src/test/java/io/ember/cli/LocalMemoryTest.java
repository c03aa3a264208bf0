package io.ember.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's local-mode memory default, through scripts/ember as users run it: a data set of full
 * MNIST's shape (60,000 images of 784 pixels, the embedded digits four times over) trains with the
 * benchmark's recipe (conf/mnist.conf) in the default heap without Spark ever failing to cache the
 * training block; a heap too small for it stops before training with the estimate and exit code 2.
 */
class LocalMemoryTest {
    @TempDir
    Path dir;

    @Test
    void fullMnistSizedDataTrainsInTheDefaultHeapAndASmallHeapStopsEarly() throws Exception {
        Path images = fullSized("data/mnist-train-images-idx3-ubyte.gz", "train-images-idx3-ubyte", 16, 784);
        fullSized("data/mnist-train-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte", 8, 1);

        Run fits = ember(null, "train", "--config", "conf/mnist.conf", "--data", images.toString(), "--test", "",
                "--epochs", "1", "--output", dir.resolve("run").toString());
        assertEquals(0, fits.exit, fits.out);
        assertTrue(fits.out.contains("data: 60,000 training examples, 784 features, 10 classes"), fits.out);
        assertFalse(fits.out.contains("Not enough space to cache") || fits.out.contains("was lost"), fits.out);

        Run small = ember("1g", "train", "--config", "conf/mnist.conf", "--data", images.toString(), "--test", "",
                "--output", dir.resolve("small").toString());
        assertEquals(2, small.exit, small.out);
        assertTrue(small.out.contains("not enough memory, estimated before allocating")
                && small.out.contains("EMBER_MEMORY"), small.out);
        assertFalse(Files.exists(dir.resolve("small")), "a run stopped by its estimate leaves no folder");
    }

    /** The embedded IDX file repeated 4 times: 60,000 records with the header's count raised to match. */
    private Path fullSized(String embedded, String name, int headerBytes, int recordBytes) throws IOException {
        byte[] all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(embedded)))) {
            all = in.readAllBytes();
        }
        int count = ByteBuffer.wrap(all, 4, 4).getInt();
        assertEquals(15_000, count);
        Path out = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(out)) {
            byte[] header = all.clone();
            ByteBuffer.wrap(header, 4, 4).putInt(4 * count);
            o.write(header, 0, headerBytes);
            for (int i = 0; i < 4; i++) {
                o.write(all, headerBytes, count * recordBytes);
            }
        }
        return out;
    }

    private record Run(int exit, String out) {
    }

    /** scripts/ember with EMBER_MEMORY set to {@code memory} (null: the default). */
    private Run ember(String memory, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/ember"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("EMBER_MEMORY");
        pb.environment().remove("EMBER_JAVA_OPTS");
        if (memory != null) {
            pb.environment().put("EMBER_MEMORY", memory);
        }
        Path log = dir.resolve("ember-" + (memory == null ? "default" : memory) + ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "scripts/ember finished");
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
