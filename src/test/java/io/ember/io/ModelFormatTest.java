package io.ember.io;

import io.ember.EmberModel;
import io.ember.nn.Initializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFormatTest {
    @TempDir
    Path dir;

    private Path saved() throws IOException {
        Path p = dir.resolve("m");
        GoldenModel.build().save(p.toString());
        return p;
    }

    @Test
    void roundTripIsBitwiseAndPredictsTheSame() throws IOException {
        EmberModel original = GoldenModel.build();
        Path p = saved();
        EmberModel loaded = EmberModel.load(p.toString());
        assertArrayEquals(original.parameters(), loaded.parameters(), 0f);
        assertEquals(original.spec(), loaded.spec());
        assertEquals(original.scaler(), loaded.scaler());
        assertArrayEquals(original.labels().labels(), loaded.labels().labels());
        float[] x = {0.3f, -1.2f, 4f};
        assertArrayEquals(original.predict(x), loaded.predict(x), 0f);
        assertEquals(original.predictLabel(x), loaded.predictLabel(x));
        try (var files = Files.list(p)) {
            assertEquals(2, files.count(), "model.json and params.bin only (no .crc or temporary files)");
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary directories left beside the model");
        }
    }

    @Test
    void theGoldenVersion1FileStillLoads() throws IOException {
        EmberModel golden = EmberModel.load("src/test/resources/golden/model-v1");
        assertEquals("3 -> 4:tanh -> 2:softmax, cross_entropy, 26 parameters", golden.spec().toString());
        assertArrayEquals(Initializer.initialize(golden.spec(), 1), golden.parameters(), 0f);
        assertArrayEquals(new double[] {3, 7}, golden.labels().labels());
        assertArrayEquals(new float[] {0.5f, 1f, 2f}, golden.scaler().scale(), 0f);
        float[] p = golden.predict(new float[] {1f, 2f, 3f}); // scaled to zeros: softmax of the output biases (0)
        assertArrayEquals(new float[] {0.5f, 0.5f}, p, 1e-7f);
    }

    @Test
    void truncatedParametersAreRefused() throws IOException {
        Path p = saved();
        try (RandomAccessFile f = new RandomAccessFile(p.resolve("params.bin").toFile(), "rw")) {
            f.setLength(f.length() - 4);
        }
        IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().endsWith("params.bin has 100 bytes, expected 104 (26 float32 values): truncated or "
                + "not this model's parameters"), e.getMessage());
    }

    @Test
    void corruptedParametersFailTheChecksum() throws IOException {
        Path p = saved();
        try (RandomAccessFile f = new RandomAccessFile(p.resolve("params.bin").toFile(), "rw")) {
            f.seek(10);
            f.write(0x7f);
        }
        IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("does not match the recorded"), e.getMessage());
    }

    @Test
    void otherFormatVersionsAndBadJsonAreRefused() throws IOException {
        Path p = saved();
        Path json = p.resolve("model.json");
        String good = Files.readString(json);
        Files.writeString(json, good.replace("\"format_version\" : 1", "\"format_version\" : 2"));
        IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("model format version 2; this Ember"), e.getMessage());

        Files.writeString(json, good.replace("\"count\" : 26", "\"count\" : 27"));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("parameters.count 27 does not match the architecture's 26"), e.getMessage());

        Files.writeString(json, good.replace("\"units\" : 4,", "\"units\" : 2000000000,"));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("network has more than 2^31 parameters")
                || e.getMessage().contains("does not match"), e.getMessage());

        Files.writeString(json, good.replace("\"format\" : \"ember-model\"", "\"format\" : \"other\""));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("format is 'other', not 'ember-model'"), e.getMessage());

        Files.writeString(json, good.replace("\"offset\" : [ 1.0, 2.0, 3.0 ]", "\"offset\" : [ 1.0, 2.0 ]"));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("'offset' has 2 values, expected 3"), e.getMessage());

        Files.writeString(json, good.substring(0, good.length() / 2));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        assertThrows(IOException.class, () -> EmberModel.load(dir.resolve("missing").toString()));
    }

    @Test
    void nonFiniteParametersAreRefused() throws IOException {
        Path p = dir.resolve("nan");
        EmberModel m = GoldenModel.build();
        float[] params = m.parameters();
        params[5] = Float.NaN;
        new EmberModel(m.spec(), params, m.labels(), m.encoding(), m.scaler(), m.config(), m.training()).save(p.toString());
        IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().endsWith("params.bin: parameter 5 is NaN"), e.getMessage());
    }

    @Test
    void savingReplacesAnOldModelWhole() throws IOException {
        Path p = saved();
        EmberModel m = GoldenModel.build();
        float[] params = m.parameters();
        params[0] = 42f;
        new EmberModel(m.spec(), params, m.labels(), m.encoding(), m.scaler(), m.config(), m.training()).save(p.toString());
        assertEquals(42f, EmberModel.load(p.toString()).parameters()[0]);
        assertFalse(Files.exists(dir.resolve(".m.tmp")));
    }
}
