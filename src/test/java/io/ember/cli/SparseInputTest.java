package io.ember.cli;

import io.ember.data.SparseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sparse LIBSVM input through the command line on real local Spark: sparse and dense blocks of the
 * same file train to the same parameters (float tolerance, 50 deterministic steps on local[2] with
 * two partitions), evaluation and prediction read sparse blocks, and bad input is one clear line
 * with exit code 2.
 */
class SparseInputTest {
    @TempDir
    Path dir;

    private static final int FEATURES = 5_000;

    private Cli train(Path data, String format, String out, String... more) {
        String[] base = {"train", "--data", data.toString(), "--input-format", format, "--layers", "16:relu",
                "--max-steps", "50", "--epochs", "20", "--batch-size", "48", "--lr", "0.01", "--deterministic", "true",
                "--master", "local[2]", "--partitions", "2", "--output", dir.resolve(out).toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    private float[] params(String run) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(run).resolve("model/params.bin")))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] p = new float[b.remaining() / 4];
        b.asFloatBuffer().get(p);
        return p;
    }

    @Test
    void sparseAndDenseBlocksTrainToTheSameParametersOnSpark() throws IOException {
        Path data = SparseData.libsvm(dir.resolve("text.libsvm"), 600, FEATURES, 12, 5);
        Cli sparse = train(data, "auto", "sparse", "--test", data.toString());
        assertEquals(0, sparse.exit, sparse.toString());
        assertTrue(sparse.out.contains("input: compressed sparse rows, "), sparse.out);
        Cli dense = train(data, "dense", "dense", "--test", data.toString());
        assertEquals(0, dense.exit, dense.toString());
        assertTrue(!dense.out.contains("input: compressed sparse rows"), dense.out);
        float[] a = params("dense");
        float[] b = params("sparse");
        assertEquals(a.length, b.length);
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4f + 1e-3f * Math.abs(a[i]), "parameter " + i);
            differ += a[i] != b[i] ? 1 : 0;
        }
        String testLine = "test (600 examples):";
        assertTrue(sparse.out.contains(testLine) && dense.out.contains(testLine), sparse.out);

        Cli evaluate = Cli.run("evaluate", "--model", dir.resolve("sparse/model").toString(), "--data",
                data.toString(), "--master", "local[2]");
        assertEquals(0, evaluate.exit, evaluate.toString());
        String line = sparse.out.lines().filter(l -> l.startsWith(testLine)).findFirst().orElseThrow();
        assertTrue(evaluate.out.contains(line.substring(line.indexOf(':'))), evaluate.out + "\n" + line);
    }

    @Test
    void anIndexBeyondNumFeaturesIsRefused() throws IOException {
        Path data = SparseData.libsvm(dir.resolve("text.libsvm"), 60, FEATURES, 12, 6);
        Cli c = train(data, "sparse", "run", "--num-features", "100");
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("text.libsvm:1: token") && c.err.contains("is beyond num-features = 100"), c.err);
        assertTrue(!Files.exists(dir.resolve("run/model")));
    }

    @Test
    void aFirstLayerTooBigForMemoryIsRefusedBeforeAllocating() throws IOException {
        Path data = SparseData.libsvm(dir.resolve("text.libsvm"), 60, FEATURES, 12, 6);
        Cli memory = train(data, "sparse", "memory", "--num-features", "16777216", "--layers", "64:relu");
        assertEquals(2, memory.exit, memory.toString());
        assertTrue(memory.err.contains("not enough memory, estimated before allocating"), memory.err);
        assertTrue(memory.err.contains("compressed sparse rows"), memory.err);
        Cli overflow = train(data, "sparse", "overflow", "--num-features", "16777216", "--layers", "256:relu");
        assertEquals(2, overflow.exit, overflow.toString());
        assertTrue(overflow.err.contains("the first layer alone, 16,777,216 inputs x 256 units, has 4,294,967,552 "
                + "(16.0 GB as float32"), overflow.err);
    }

    @Test
    void forcedFormsThatDoNotSuitTheDataAreRefused() throws IOException {
        Cli dense = Cli.run("train", "--data", "data/auto-mpg.csv", "--task", "regression", "--label-column", "mpg",
                "--input-format", "sparse", "--master", "local[2]", "--output", dir.resolve("a").toString());
        assertEquals(2, dense.exit, dense.toString());
        assertTrue(dense.err.contains("is dense: ") && dense.err.contains("set input-format = dense or auto"),
                dense.err);

        Path data = SparseData.libsvm(dir.resolve("text.libsvm"), 3_000, FEATURES, 12, 6);
        Cli sparse = train(data, "dense", "b", "--num-features", "1000000", "--layers", "2:relu", "--partitions",
                "1");
        assertEquals(2, sparse.exit, sparse.toString());
        assertTrue(sparse.err.contains("is sparse (") && sparse.err.contains("set input-format = sparse or auto"),
                sparse.err);

        Cli scaled = train(data, "sparse", "c", "--scale", "standardize");
        assertEquals(2, scaled.exit, scaled.toString());
        assertTrue(scaled.err.contains("input-format") && scaled.err.contains("sparse rows cannot be scaled"),
                scaled.err);
    }
}
