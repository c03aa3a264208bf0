package io.ember.cli;

import io.ember.EmberModel;
import io.ember.Keys;
import io.ember.TestModels;
import io.ember.config.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subcommands, run in-process on real local Spark, and their answers to bad input. */
class CliTest {
    @TempDir
    Path dir;

    private static final String TRAIN = "data/mnist-train-images-idx3-ubyte.gz";
    private static final String TEST = "data/mnist-t10k-images-idx3-ubyte.gz";

    @Test
    void trainEvaluatePredictInspect() throws IOException {
        Path run = dir.resolve("run");
        Cli train = Cli.run("train", "--data", TRAIN, "--test", TEST, "--layers", "64:relu", "--epochs", "2",
                "--batch-size", "256", "--lr", "0.003", "--master", "local[2]", "--output", run.toString());
        assertEquals(0, train.exit, train.toString());
        assertTrue(train.out.contains("data: 15,000 training examples, 784 features, 10 classes in 1 partition;"),
                train.out);
        assertTrue(train.out.contains("master local[2]: 1 training partition x 2 threads"), train.out);
        assertTrue(train.out.contains("epoch 2/2  train loss"), train.out);
        assertTrue(train.out.matches("(?s).*test \\(2,000 examples\\): loss [0-9.]+  accuracy 9[0-9]\\.[0-9]+%.*"),
                train.out);
        for (String f : List.of("config.conf", "metrics.jsonl", "evaluation.json", "model/model.json",
                "model/params.bin")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(1 + 2 * 59 + 2, metrics.size(), "start, 59 steps per epoch, 2 epochs");
        assertTrue(metrics.get(1).startsWith("{\"type\":\"step\",\"step\":0,\"epoch\":1,\"loss\":"), metrics.get(1));

        String model = run.resolve("model").toString();
        Cli evaluate = Cli.run("evaluate", "--model", model, "--data", TEST, "--master", "local[2]",
                "--json", dir.resolve("eval.json").toString());
        assertEquals(0, evaluate.exit, evaluate.toString());
        assertTrue(evaluate.out.contains("confusion matrix (rows: actual, columns: predicted):"), evaluate.out);
        assertTrue(Files.readString(dir.resolve("eval.json")).contains("\"macro_f1\""));
        // the same figures as the training run's own test evaluation
        String trainTest = train.out.lines().filter(l -> l.startsWith("test (")).findFirst().orElseThrow();
        assertTrue(evaluate.out.contains(trainTest.substring(trainTest.indexOf(':'))), evaluate.out);

        Path predictions = dir.resolve("predictions");
        Cli predict = Cli.run("predict", "--model", model, "--data", TEST, "--predictions", predictions.toString(),
                "--master", "local[2]");
        assertEquals(0, predict.exit, predict.toString());
        List<String> lines;
        try (Stream<Path> parts = Files.list(predictions)) {
            lines = parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream();
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    }).toList();
        }
        assertEquals("label,prediction,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines.get(0));
        assertEquals(2001, lines.size());
        long right = lines.stream().skip(1).map(l -> l.split(",")).filter(c -> c[0].equals(c[1])).count();
        assertTrue(right > 1800, right + " of 2000 right");

        // a label the model was not trained on: named with file and line, nothing evaluated
        Path strange = dir.resolve("strange.libsvm");
        Files.writeString(strange, "3 1:0.5 200:1\n12 7:0.25\n");
        Cli unknown = Cli.run("evaluate", "--model", model, "--data", strange.toString(), "--master", "local[2]");
        assertEquals(2, unknown.exit, unknown.toString());
        assertTrue(unknown.err.contains(strange + ":2") && unknown.err.contains("label 12 is not one of the model's "
                + "classes"), unknown.err);

        Cli inspect = Cli.run("inspect", "--model", model);
        assertEquals(0, inspect.exit, inspect.toString());
        assertTrue(inspect.out.contains("classifier with 10 classes"), inspect.out);
        assertTrue(inspect.out.contains("64 x 784"), inspect.out);
        assertTrue(inspect.out.contains("layers = 64:relu"), inspect.out);
        assertEquals(64 * 785 + 10 * 65, TestModels.parts(EmberModel.load(model)).spec().parameterCount());
    }

    @Test
    void initStartsFromASavedModel() {
        Path first = dir.resolve("first");
        assertEquals(0, Cli.run("train", "--data", TRAIN, "--layers", "32:relu", "--max-steps", "30", "--epochs", "1",
                "--master", "local[2]", "--output", first.toString()).exit);
        Cli second = Cli.run("train", "--data", TRAIN, "--layers", "32:relu", "--epochs", "1", "--master", "local[2]",
                "--init", first.resolve("model").toString(), "--freeze", "0", "--output", dir.resolve("second").toString());
        assertEquals(0, second.exit, second.toString());
        Cli mismatch = Cli.run("train", "--data", TRAIN, "--layers", "16:relu", "--epochs", "1", "--master", "local[2]",
                "--init", first.resolve("model").toString(), "--output", dir.resolve("third").toString());
        assertEquals(2, mismatch.exit, mismatch.toString());
        assertTrue(mismatch.err.contains("init model has the network 784 -> 32:relu -> 10:softmax"), mismatch.err);
    }

    @Test
    void badConfigurationExitsWithTwoAndNamesTheProblem() throws IOException {
        Cli c = Cli.run("train", "--data", TRAIN, "--lr", "-1");
        assertEquals(2, c.exit);
        assertEquals("ember: error: command line (--lr): key 'lr' = '-1': must be > 0", c.err.strip());

        Path conf = dir.resolve("x.conf");
        Files.writeString(conf, "data = " + TRAIN + "\nlayers = 64:relu\nlerning-rate = 0.1\n");
        c = Cli.run("train", "--config", conf.toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains(conf + ":3: unknown key 'lerning-rate'"), c.err);

        c = Cli.run("train", "--layers", "8:relu");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("no training data"), c.err);

        c = Cli.run("train", "--data", dir.resolve("nope.libsvm").toString(), "--master", "local[2]",
                "--output", dir.resolve("r").toString());
        assertEquals(2, c.exit, c.toString());
        assertTrue(c.err.contains("nope.libsvm"), c.err);

        c = Cli.run("inspect", "--model", dir.resolve("missing").toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("is not an Ember model directory"), c.err);

        c = Cli.run("train", "--no-such-option", "1");
        assertEquals(2, c.exit);
        assertTrue(c.err.startsWith("ember: Unknown options: '--no-such-option', '1' (see 'ember train --help')"), c.err);
    }

    @Test
    void helpDocumentsEveryKey() {
        Cli help = Cli.run("train", "--help");
        assertEquals(0, help.exit);
        for (Setting<?> k : Keys.ALL.settings()) {
            assertTrue(help.out.contains("--" + k.key() + "="), "train --help lacks --" + k.key());
        }
        for (String sub : List.of("evaluate", "predict", "inspect")) {
            Cli h = Cli.run(sub, "--help");
            assertEquals(0, h.exit);
            assertTrue(h.out.contains("--model"), sub);
        }
    }
}
