package io.ember.io;

import io.ember.EmberModel;
import io.ember.TestModels;
import io.ember.model.Model;
import io.ember.nn.Initializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(TestModels.parts(original).spec(), TestModels.parts(loaded).spec());
        assertEquals(TestModels.parts(original).scaler(), TestModels.parts(loaded).scaler());
        assertArrayEquals(TestModels.parts(original).labels().labels(), TestModels.parts(loaded).labels().labels());
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
        assertEquals("3 -> 4:tanh -> 2:softmax, cross_entropy, 26 parameters", TestModels.parts(golden).spec().toString());
        assertArrayEquals(Initializer.initialize(TestModels.parts(golden).spec(), 1), golden.parameters(), 0f);
        assertArrayEquals(new double[] {3, 7}, TestModels.parts(golden).labels().labels());
        assertArrayEquals(new float[] {0.5f, 1f, 2f}, TestModels.parts(golden).scaler().scale(), 0f);
        float[] p = golden.predict(new float[] {1f, 2f, 3f}); // scaled to zeros: softmax of the output biases (0)
        assertArrayEquals(new float[] {0.5f, 0.5f}, p, 1e-7f);
    }

    @Test
    void theGoldenVersion2FileLoadsWithItsIntegrityChecked() throws IOException {
        EmberModel golden = EmberModel.load("src/test/resources/golden/model-v2");
        assertArrayEquals(GoldenModel.build().parameters(), golden.parameters(), 0f);
        assertEquals(TestModels.parts(GoldenModel.build()).spec(), TestModels.parts(golden).spec());
        assertTrue(Files.readString(Path.of("src/test/resources/golden/model-v2/model.json"))
                .contains("\"integrity_sha256\""));
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

    /** {@code json} with its integrity field recomputed, as if Ember had written it. */
    private static String resealed(String json) throws IOException {
        return new String(SealedJson.seal((com.fasterxml.jackson.databind.node.ObjectNode)
                ModelFormat.JSON_MAPPER.readTree(json)), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anyEditOfModelJsonFailsItsIntegrityCheck() throws IOException {
        Path p = saved();
        Path json = p.resolve("model.json");
        String good = Files.readString(json);
        for (String[] edit : new String[][] {{"\"activation\" : \"tanh\"", "\"activation\" : \"relu\""},
                {"\"labels\" : [ 3.0", "\"labels\" : [ -5.0"}, {"\"offset\" : [ 1.0", "\"offset\" : [ 1.5"}}) {
            assertTrue(good.contains(edit[0]), edit[0]);
            Files.writeString(json, good.replace(edit[0], edit[1]));
            IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
            assertTrue(e.getMessage().contains("does not match its integrity_sha256"), e.getMessage());
        }
        Files.writeString(json, good.replace("integrity_sha256", "integrity"));
        IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("no integrity_sha256 field"), e.getMessage());
        Files.writeString(json, good);
        assertEquals(26, TestModels.parts(EmberModel.load(p.toString())).spec().parameterCount());
    }

    @Test
    void otherFormatVersionsAndBadJsonAreRefused() throws IOException {
        Path p = saved();
        Path json = p.resolve("model.json");
        String good = Files.readString(json);
        Files.writeString(json, resealed(good.replace("\"format_version\" : 2", "\"format_version\" : 3")));
        IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("model format version 3; this Ember"), e.getMessage());

        Files.writeString(json, resealed(good.replace("\"count\" : 26", "\"count\" : 27")));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("parameters.count 27 does not match the architecture's 26"), e.getMessage());

        Files.writeString(json, resealed(good.replace("\"units\" : 4,", "\"units\" : 2000000000,")));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("network has more than 2^31 parameters")
                || e.getMessage().contains("does not match"), e.getMessage());

        Files.writeString(json, resealed(good.replace("\"format\" : \"ember-model\"", "\"format\" : \"other\"")));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("format is 'other', not 'ember-model'"), e.getMessage());

        Files.writeString(json, resealed(good.replace("\"offset\" : [ 1.0, 2.0, 3.0 ]", "\"offset\" : [ 1.0, 2.0 ]")));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("'offset' has 2 values, expected 3"), e.getMessage());

        Files.writeString(json, resealed(good.replace("\"weight_offset\" : 0,", "\"weight_offset\" : 1,")));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("weight_offset/bias_offset 1/"), e.getMessage());

        Files.writeString(json, resealed(good.replace("\"task\" : \"classification\"", "\"task\" : \"ranking\"")));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("task is 'ranking'"), e.getMessage());

        Files.writeString(json, resealed(good.replace("\"dtype\" : \"float32\"", "\"dtype\" : \"float64\"")));
        e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().contains("'dtype' is 'float64', expected 'float32'"), e.getMessage());

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
        TestModels.of(new Model(TestModels.parts(m).spec(), params, TestModels.parts(m).labels(), TestModels.parts(m).encoding(), TestModels.parts(m).scaler(), m.config(), m.training())).save(p.toString());
        IOException e = assertThrows(IOException.class, () -> EmberModel.load(p.toString()));
        assertTrue(e.getMessage().endsWith("params.bin: parameter 5 is NaN"), e.getMessage());
    }

    @Test
    void savingReplacesAnOldModelWholeOnlyWhenAsked() throws IOException {
        Path p = saved();
        EmberModel m = GoldenModel.build();
        float[] params = m.parameters();
        params[0] = 42f;
        EmberModel changed = TestModels.of(new Model(TestModels.parts(m).spec(), params, TestModels.parts(m).labels(), TestModels.parts(m).encoding(), TestModels.parts(m).scaler(), m.config(),
                m.training()));
        IOException e = assertThrows(IOException.class, () -> changed.save(p.toString()));
        assertTrue(e.getMessage().contains("already holds an Ember model; give --overwrite"), e.getMessage());
        assertEquals(m.parameters()[0], EmberModel.load(p.toString()).parameters()[0]);
        changed.save(p.toString(), true);
        assertEquals(42f, EmberModel.load(p.toString()).parameters()[0]);
        try (var left = Files.list(dir)) {
            assertEquals(List.of("m"), left.map(f -> f.getFileName().toString()).toList(), "no temporary copies left");
        }
    }

    @Test
    void savingNeverReplacesWhatIsNotAModel() throws IOException {
        Path other = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(other.resolve("cat.jpg"), "meow");
        IOException e = assertThrows(IOException.class, () -> GoldenModel.build().save(other.toString(), true));
        assertTrue(e.getMessage().contains("holds a directory that is not Ember's"), e.getMessage());
        assertEquals("meow", Files.readString(other.resolve("cat.jpg")));
        Path inside = saved().resolve("sub");
        e = assertThrows(IOException.class, () -> GoldenModel.build().save(inside.toString(), true));
        assertTrue(e.getMessage().contains("is inside an Ember model"), e.getMessage());
    }
}
