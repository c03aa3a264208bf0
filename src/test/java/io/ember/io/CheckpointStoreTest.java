package io.ember.io;

import io.ember.nn.Initializer;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import io.ember.optim.OptimizerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static final NetworkSpec SPEC = new NetworkSpec(3, List.of(LayerSpec.of(4, "relu"), LayerSpec.of(2, "softmax")),
            Loss.CROSS_ENTROPY);

    private static CheckpointStore.Checkpoint checkpoint(long step) {
        float[] p = Initializer.initialize(SPEC, step);
        float[] m = p.clone();
        float[] v = new float[p.length];
        v[3] = 0.25f;
        return new CheckpointStore.Checkpoint(null, null, SPEC, p, new OptimizerState("adam", step,
                new float[][] {m, v}), (int) (step / 10), (int) (step % 10), step, 0.125, 2, p.clone(), 1, 2.5, 2, 1,
                "ember-vector(512-bit)", Map.of("lr", "0.01", "seed", "3"), new DataFingerprint(List.of(
                        new DataFingerprint.FileEntry("file:/d/x.csv", 123, "ab")), 90, 10, 3, List.of(-1.0, 1.0)));
    }

    private CheckpointStore store() throws IOException {
        return new CheckpointStore(dir.resolve("checkpoints").toString(), "run-1");
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        CheckpointStore store = store();
        CheckpointStore.Checkpoint c = checkpoint(37);
        store.write(c, 3);
        List<String> warnings = new ArrayList<>();
        CheckpointStore.Checkpoint r = store.latestValid(warnings);
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertEquals(SPEC, r.spec());
        assertArrayEquals(c.params(), r.params(), 0f);
        assertEquals(c.optimizer(), r.optimizer());
        assertEquals(3, r.epoch());
        assertEquals(7, r.stepInEpoch());
        assertEquals(37, r.globalStep());
        assertEquals(0.125, r.bestMetric());
        assertEquals(2, r.bestEpoch());
        assertArrayEquals(c.bestParams(), r.bestParams(), 0f);
        assertEquals(1, r.epochsSinceBest());
        assertEquals(2, r.partitions());
        assertEquals(1, r.taskThreads());
        assertEquals("0.01", r.config().get("lr"));
        assertEquals("run-1", r.runId());
        assertEquals(2.5, r.referenceLoss());
        assertEquals(c.data(), r.data());
    }

    @Test
    void anotherRunsCheckpointsAreNeitherPrunedNorResumed() throws IOException {
        CheckpointStore other = new CheckpointStore(dir.resolve("checkpoints").toString(), "run-0");
        other.write(checkpoint(5), 1);
        other.write(checkpoint(90), 1);
        CheckpointStore store = store();
        for (long s = 10; s <= 40; s += 10) {
            store.write(checkpoint(s), 2);
        }
        List<String> names = new ArrayList<>();
        store.checkpointDirs().forEach(p -> names.add(p.getName()));
        assertEquals(List.of("step-000000000030", "step-000000000040", "step-000000000090"), names,
                "run-1 keeps its newest 2 by step; run-0's step 90 stays (its step 5 went with run-0's own pruning)");
        List<String> warnings = new ArrayList<>();
        assertEquals(40, store.latestValid(warnings).globalStep());
        assertTrue(warnings.get(0).contains("belongs to run run-0"), warnings.toString());
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> other.write(checkpoint(40), 1));
        assertTrue(e.getMessage().contains("belongs to another run"), e.getMessage());
    }

    @Test
    void anEditedCheckpointJsonIsRefused() throws IOException {
        CheckpointStore store = store();
        store.write(checkpoint(10), 3);
        Path json = dir.resolve("checkpoints/step-000000000010/checkpoint.json");
        Files.writeString(json, Files.readString(json).replace("\"lr\" : \"0.01\"", "\"lr\" : \"0.02\""));
        List<String> warnings = new ArrayList<>();
        assertNull(store.latestValid(warnings));
        assertTrue(warnings.get(0).contains("does not match its integrity_sha256"), warnings.toString());
    }

    @Test
    void keepsTheNewestK() throws IOException {
        CheckpointStore store = store();
        for (long s = 10; s <= 60; s += 10) {
            store.write(checkpoint(s), 3);
        }
        List<String> names = new ArrayList<>();
        store.checkpointDirs().forEach(p -> names.add(p.getName()));
        assertEquals(List.of("step-000000000040", "step-000000000050", "step-000000000060"), names);
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(3, files.count(), "no temporary directories left");
        }
    }

    @Test
    void damagedCheckpointsAreSkippedWithAWarning() throws IOException {
        CheckpointStore store = store();
        store.write(checkpoint(10), 5);
        store.write(checkpoint(20), 5);
        store.write(checkpoint(30), 5);
        store.write(checkpoint(40), 5);
        Path cps = dir.resolve("checkpoints");
        try (RandomAccessFile f = new RandomAccessFile(cps.resolve("step-000000000040/params.bin").toFile(), "rw")) {
            f.setLength(10); // truncated
        }
        try (RandomAccessFile f = new RandomAccessFile(cps.resolve("step-000000000030/optimizer-1.bin").toFile(), "rw")) {
            f.seek(12);
            f.write(7); // corrupted
        }
        Path json20 = cps.resolve("step-000000000020/checkpoint.json");
        Files.writeString(json20, Files.readString(json20).replace("\"format_version\" : 2", "\"format_version\" : 9"));
        List<String> warnings = new ArrayList<>();
        CheckpointStore.Checkpoint r = store.latestValid(warnings);
        assertEquals(10, r.globalStep());
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("step-000000000040") && warnings.get(0).contains("truncated"), warnings.get(0));
        assertTrue(warnings.get(1).contains("step-000000000030") && warnings.get(1).contains("SHA-256"), warnings.get(1));
        assertTrue(warnings.get(2).contains("checkpoint format version 9"), warnings.get(2));
        Files.delete(cps.resolve("step-000000000010/checkpoint.json")); // partial: no JSON
        warnings.clear();
        assertNull(store.latestValid(warnings));
        assertTrue(warnings.get(3).contains("partial checkpoint"), warnings.get(3));
    }
}
