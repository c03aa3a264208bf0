package io.ember.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up while a run writes: one line naming the file that could not be written,
 * exit code 1, and the files that were there before untouched. The disk is a real 512 KB tmpfs
 * (CI and the development machines run as root); where mounting is not allowed, a run folder's
 * metrics file pointing at /dev/full makes the same fault.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskIsOneLineNamingThePathAndNothingBeforeChanges() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", disk.toString())
                .inheritIO().start().waitFor() == 0;
        try {
            Path mine = disk.resolve("mine.txt");
            Files.writeString(mine, "the user's notes");
            Path out = disk.resolve("run");
            Cli c;
            if (mounted) {
                c = Cli.run("train", "--data", "data/mnist-train-images-idx3-ubyte.gz", "--layers", "128:relu",
                        "--max-steps", "3", "--checkpoint-every-steps", "2", "--master", "local[2]", "--output",
                        out.toString());
            } else {
                assertEquals(0, Cli.run("train", "--data", "data/mnist-train-images-idx3-ubyte.gz", "--layers",
                        "8:relu", "--max-steps", "3", "--master", "local[2]", "--output", out.toString()).exit);
                Files.delete(out.resolve("metrics.jsonl"));
                Files.createSymbolicLink(out.resolve("metrics.jsonl"), Path.of("/dev/full"));
                c = Cli.run("train", "--resume", "--max-steps", "0", "--output", out.toString());
            }
            assertEquals(1, c.exit, c.toString());
            assertTrue(c.err.strip().lines().count() == 1 && c.err.contains("No space left on device")
                    && c.err.contains("cannot write " + (mounted ? "" : "file:" + out.resolve("metrics.jsonl")))
                    && c.err.contains(out.toString()), c.toString());
            assertEquals("the user's notes", Files.readString(mine));
            try (Stream<Path> s = Files.walk(out)) {
                List<String> temporaries = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-"))
                        .toList();
                assertTrue(temporaries.isEmpty(), temporaries.toString());
            }
        } finally {
            if (mounted) {
                new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
            }
        }
    }
}
