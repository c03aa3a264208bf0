package io.ember.cli;

import io.ember.EmberModel;
import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.config.Settings;
import io.ember.io.CheckpointStore;
import io.ember.io.RunFolder;
import io.ember.spark.SparkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints, exact resume, deterministic runs and divergence, through the command line on local Spark. */
class ResumeTest {
    @TempDir
    Path dir;

    private static final String TRAIN = "data/mnist-train-images-idx3-ubyte.gz";

    private Cli train(String output, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", TRAIN, "--layers", "32:relu:0.1", "--epochs", "2",
                "--batch-size", "600", "--lr", "0.004", "--validation-fraction", "0.1", "--patience", "5",
                "--master", "local[2]", "--partitions", "2", "--deterministic", "true",
                "--checkpoint-every-steps", "10", "--output", dir.resolve(output).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }

    private float[] params(String output) throws IOException {
        return EmberModel.load(dir.resolve(output).resolve("model").toString()).parameters();
    }

    @Test
    void deterministicRunsAreBitwiseIdenticalAndAResumedRunEqualsAnUninterruptedOne() throws IOException {
        Cli a = train("a");
        assertEquals(0, a.exit, a.toString());
        assertTrue(a.out.contains("deterministic"), a.out);
        Cli b = train("b");
        assertEquals(0, b.exit, b.toString());
        assertArrayEquals(params("a"), params("b"), 0f, "two deterministic runs");

        Cli interrupted = train("c", "--max-steps", "25");
        assertEquals(0, interrupted.exit, interrupted.toString());
        assertTrue(interrupted.out.contains("stopped: reached max-steps = 25"), interrupted.out);
        Cli resumed = train("c", "--resume", "--max-steps", "0");
        assertEquals(0, resumed.exit, resumed.toString());
        assertTrue(resumed.out.contains("resuming run ") && resumed.out.contains("the data are the same as the "
                + "checkpoint's"), resumed.out);
        assertTrue(resumed.out.contains("step-000000000023"), resumed.out); // the end of epoch 1 (23 steps), newest
        assertArrayEquals(params("a"), params("c"), 0f, "resumed from step 23 of an interrupted run");
        Set<String> given = RunFolder.givenKeys(Files.readString(dir.resolve("c/config.conf")));
        assertTrue(given != null && given.containsAll(List.of("layers", "lr", "deterministic", "max-steps", "output")),
                "the keys given to the first run and to the resumed one stay shown as set: " + given);
        assertFalse(given.contains("seed") || given.contains("optimizer"), "keys never given: " + given);
        List<String> metrics = Files.readAllLines(dir.resolve("c/metrics.jsonl"));
        long steps = metrics.stream().filter(l -> l.contains("\"type\":\"step\"")).count();
        assertEquals(Files.readAllLines(dir.resolve("a/metrics.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"step\"")).count(), steps, "each step logged once");
    }

    @Test
    void resumeRefusesOtherSettingsAndMissingCheckpoints() {
        assertEquals(0, train("d", "--max-steps", "12").exit);
        Cli changed = train("d", "--resume", "--lr", "0.1");
        assertEquals(2, changed.exit, changed.toString());
        assertTrue(changed.err.contains("key 'lr' cannot change when resuming (the checkpoint has '0.004')"),
                changed.err);
        Cli none = Cli.run("train", "--data", TRAIN, "--resume", "--output", dir.resolve("nothing").toString());
        assertEquals(2, none.exit, none.toString());
        assertTrue(none.err.contains("--resume: " + dir.resolve("nothing") + " is not a run folder"), none.err);
        assertFalse(java.nio.file.Files.exists(dir.resolve("nothing")), "a refused run creates nothing");
    }

    @Test
    void aKeyTheCheckpointDoesNotRecordRanWithItsDefault() {
        // a checkpoint written before `transport` existed: its run was float32, so giving that is no change
        CheckpointStore.Checkpoint old = new CheckpointStore.Checkpoint("old", "run", null, null, null, 0, 0, 0,
                Double.NaN, 0, null, 0, Double.NaN, 1, 2, "ember-vector", Map.of("lr", "0.004"), null);
        Config c = TrainCommand.resumeConfig(old, Settings.of("transport", "float32"));
        assertEquals(SparkSettings.Transport.FLOAT32, c.get(SparkSettings.TRANSPORT));
        ConfigException e = assertThrows(ConfigException.class,
                () -> TrainCommand.resumeConfig(old, Settings.of("transport", "bf16")));
        assertTrue(e.getMessage().contains("key 'transport' cannot change when resuming (the checkpoint has "
                + "'float32')"), e.getMessage());
    }

    @Test
    void divergenceStopsWithTheStepAndKeepsTheLastGoodModel() throws IOException {
        Cli c = train("e", "--optimizer", "sgd", "--lr", "1e30", "--deterministic", "false");
        assertEquals(1, c.exit, c.toString());
        assertTrue(c.err.contains("training diverged at step "), c.err);
        assertTrue(c.out.contains("the parameters before the failing step are saved as"), c.out);
        for (float v : params("e")) {
            assertFalse(Float.isNaN(v) || Float.isInfinite(v));
        }
    }
}
