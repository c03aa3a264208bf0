package io.ember.cli;

import io.ember.spark.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile user's matrix: bad outputs, bad data, bad settings, edited model files, changed data
 * on resume, runs that cannot fit in memory, divergence. Each case asserts the exit code, the
 * message's key words, and that no file that existed before the command changed (SHA-256 of every
 * file of the fixture before and after); only a case's own new output may appear.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {
    private Path root;
    private Path data;
    private Path run;
    private Path model;
    private Path runModel;
    private Path changing;
    private Path predictions;
    private Path other;
    private String csv;

    /** One command and what it must answer. */
    private record Case(String name, int exit, List<String> words, String allowedNewPath, String... args) {
    }

    @BeforeAll
    void fixture() throws IOException {
        root = Files.createTempDirectory("ember-faults");
        data = Files.createDirectories(root.resolve("data"));
        TestFiles.mnistLibsvm(data, 300);
        Path libsvm = data.resolve("mnist.libsvm");
        csv = TestFiles.mnistCsv(Files.createDirectories(root.resolve("csv")), 200).toString();
        run = root.resolve("runs/base");
        Cli base = Cli.run("train", "--data", libsvm.toString(), "--layers", "16:relu", "--epochs", "2",
                "--batch-size", "100", "--lr", "0.003", "--master", "local[2]", "--num-features", "784",
                "--output", run.toString());
        assertEquals(0, base.exit, base.toString());
        runModel = run.resolve("model");
        model = copyDir(runModel, root.resolve("model"));
        predictions = root.resolve("predictions");
        Cli p = Cli.run("predict", "--model", model.toString(), "--data", libsvm.toString(), "--predictions",
                predictions.toString(), "--master", "local[2]");
        assertEquals(0, p.exit, p.toString());
        other = Files.createDirectories(root.resolve("photos"));
        Files.writeString(other.resolve("cat.jpg"), "not a model");
        Files.writeString(root.resolve("notes.txt"), "keep me");
        Files.writeString(root.resolve("eval.json"), "{}");
        Files.createDirectories(root.resolve("empty-dir"));
        write("nan.libsvm", "1 1:0.5 2:NaN\n0 1:1\n");
        write("zero-index.libsvm", "1 0:0.5\n0 1:1\n");
        write("unsorted.libsvm", "1 3:0.5 2:1\n0 1:1\n");
        write("fraction-label.libsvm", "0.5 1:1\n1 1:2\n");
        write("empty.libsvm", "");
        write("missing-column.csv", "label,a,b\n1,2,3\n0,4\n");
        write("not-number.csv", "label,a,b\n1,2,3\n0,x,5\n");
        write("bom.csv", "\uFEFF\"label\",\"a\",\"b\"\r\n1,2,3\r\n0,4,5\r\n1,3,3\r\n0,5,4\r\n");
        write("negative-zero.libsvm", "-0 1:1\n0 1:2\n1 1:3\n-0.0 1:4\n1 1:5\n+0 1:0.5\n");
        write("bom.conf", "\uFEFFdata = " + root.resolve("bom.csv") + "\r\nlayers = 4:relu\r\n");
        write("typo.conf", "data = " + libsvm + "\nlerning-rate = 0.1\n");
        write("wide.libsvm", "3 1:1 900:1\n");
        write("narrow.csv", "label,a,b\n1,2,3\n");
        write("unknown-label.libsvm", "3 1:0.5\n12 7:0.25\n");
        write("sparse-wide.libsvm", sparseWide());
        Files.createDirectories(root.resolve("nothing-inside"));
        Path parts = Files.createDirectories(root.resolve("parts"));
        gzip(parts.resolve("part-0.libsvm.gz"), Files.readString(libsvm), false);
        gzip(parts.resolve("part-1.libsvm.gz"), Files.readString(libsvm), true);
        Path edited = copyDir(model, root.resolve("edited-model"));
        Path json = edited.resolve("model.json");
        Files.writeString(json, Files.readString(json).replace("\"activation\" : \"relu\"", "\"activation\" : \"tanh\""));
        Path truncated = copyDir(model, root.resolve("truncated-model"));
        Files.write(truncated.resolve("params.bin"), new byte[10]);
        Path notJson = copyDir(model, root.resolve("garbled-model"));
        Files.writeString(notJson.resolve("model.json"), "{ this is not json");
        Files.write(root.resolve("x-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1});
        Path changingData = root.resolve("changing.libsvm");
        Files.copy(libsvm, changingData);
        changing = root.resolve("runs/changing");
        Cli c = Cli.run("train", "--data", changingData.toString(), "--layers", "8:relu", "--max-steps", "3",
                "--checkpoint-every-steps", "1", "--batch-size", "100", "--master", "local[2]", "--output",
                changing.toString());
        assertEquals(0, c.exit, c.toString());
        Files.writeString(changingData, String.join("\n", Files.readAllLines(libsvm).subList(0, 250)) + "\n");
    }

    private static String sparseWide() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 2000; r++) {
            sb.append(r % 2).append(' ').append(1 + r).append(":1 ").append(500_000 + r).append(":0.5\n");
        }
        return sb.toString();
    }

    @AfterAll
    void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(root.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void gzip(Path file, String text, boolean truncate) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] b = bytes.toByteArray();
        Files.write(file, truncate ? java.util.Arrays.copyOf(b, b.length / 2) : b);
    }

    private static Path copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private String p(String name) {
        return root.resolve(name).toString();
    }

    private String libsvm() {
        return data.resolve("mnist.libsvm").toString();
    }

    private static Case fail(String name, List<String> words, String... args) {
        return new Case(name, 2, words, null, args);
    }

    @TestFactory
    List<DynamicNode> everyCaseAnswersClearlyAndLosesNothing() {
        String l = "local[2]";
        Map<String, List<Case>> groups = new java.util.LinkedHashMap<>();
        groups.put("outputs never replace what Ember did not write", List.of(
                fail("predictions into a run folder", List.of("already exists and holds an Ember run folder"),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions", run.toString()),
                fail("predictions over the model being read", List.of("overlaps the input", model.toString()),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions", model.toString()),
                fail("predictions over the input data", List.of("overlaps the input"),
                        "predict", "--model", model.toString(), "--data", data.toString(), "--predictions", data.toString()),
                fail("predictions over the input data, --overwrite", List.of("overlaps the input"),
                        "predict", "--model", model.toString(), "--data", data.toString(), "--predictions", data.toString(),
                        "--overwrite"),
                fail("predictions into a foreign directory", List.of("directory that is not Ember's"),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions", other.toString()),
                fail("predictions into a foreign directory, --overwrite", List.of("directory that is not Ember's"),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions", other.toString(),
                        "--overwrite"),
                fail("predictions over a file", List.of("holds a file"),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions", p("notes.txt")),
                fail("predictions over earlier predictions", List.of("give --overwrite"),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions", predictions.toString()),
                fail("predictions inside a model", List.of("inside an Ember model"),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions",
                        runModel.resolve("p").toString()),
                fail("predictions in place of the run's checkpoints", List.of("inside an Ember run folder"),
                        "predict", "--model", model.toString(), "--data", libsvm(), "--predictions",
                        run.resolve("checkpoints").toString()),
                fail("a fresh run into a used run folder", List.of("holds an earlier run", "--resume", "--overwrite"),
                        "train", "--data", libsvm(), "--output", run.toString(), "--master", l),
                fail("a run folder over a model", List.of("holds an Ember model"),
                        "train", "--data", libsvm(), "--output", model.toString(), "--overwrite", "--master", l),
                fail("a run folder over its own input", List.of("overlaps the input"),
                        "train", "--data", libsvm(), "--output", data.toString(), "--master", l),
                fail("a run folder holding its input", List.of("overlaps the input"),
                        "train", "--data", libsvm(), "--output", root.toString(), "--overwrite", "--master", l),
                fail("a run folder in a foreign directory", List.of("directory that is not Ember's"),
                        "train", "--data", libsvm(), "--output", other.toString(), "--master", l),
                fail("a run folder in a foreign directory, --overwrite", List.of("directory that is not Ember's"),
                        "train", "--data", libsvm(), "--output", other.toString(), "--overwrite", "--master", l),
                fail("a run folder over a file", List.of("holds a file"),
                        "train", "--data", libsvm(), "--output", p("notes.txt"), "--master", l),
                fail("overwriting the run whose model initializes the new one", List.of("overlaps the input"),
                        "train", "--data", libsvm(), "--init", runModel.toString(), "--layers", "16:relu", "--output",
                        run.toString(), "--overwrite", "--master", l),
                fail("--resume with --overwrite", List.of("give one"),
                        "train", "--data", libsvm(), "--output", run.toString(), "--resume", "--overwrite"),
                fail("--json over an existing file", List.of("give --overwrite"),
                        "evaluate", "--model", model.toString(), "--data", libsvm(), "--json", p("eval.json")),
                fail("--json over a model's own file", List.of("inside an Ember model"),
                        "evaluate", "--model", model.toString(), "--data", libsvm(), "--json",
                        runModel.resolve("model.json").toString(), "--overwrite"),
                fail("--json over the model being read", List.of("overlaps the input"),
                        "evaluate", "--model", model.toString(), "--data", libsvm(), "--json",
                        model.resolve("model.json").toString(), "--overwrite"),
                fail("--json over a run's metrics", List.of("inside an Ember run folder"),
                        "evaluate", "--model", model.toString(), "--data", libsvm(), "--json",
                        run.resolve("metrics.jsonl").toString(), "--overwrite"),
                fail("a report for a folder that is not a run's", List.of("is not an Ember run folder"),
                        "report", other.toString()),
                fail("an unwritable run folder", List.of("cannot be written"),
                        "train", "--data", libsvm(), "--output", root.resolve("notes.txt/run").toString(), "--master", l),
                new Case("predictions replaced with --overwrite", 0, List.of("wrote 300 predictions"),
                        predictions.toString(), "predict", "--model", model.toString(), "--data", libsvm(),
                        "--predictions", predictions.toString(), "--overwrite", "--master", l),
                new Case("predictions into an empty directory", 0, List.of("wrote 300 predictions"),
                        p("empty-dir"), "predict", "--model", model.toString(), "--data", libsvm(),
                        "--predictions", p("empty-dir"), "--master", l)));
        groups.put("bad data names the file and line, before anything is written", List.of(
                fail("NaN value", List.of("nan.libsvm:1", "value is not finite"),
                        "train", "--data", p("nan.libsvm"), "--output", p("new-1"), "--master", l),
                fail("index 0", List.of("zero-index.libsvm:1", "1-based"),
                        "train", "--data", p("zero-index.libsvm"), "--output", p("new-1"), "--master", l),
                fail("unsorted indices", List.of("unsorted.libsvm:1", "indices must increase"),
                        "train", "--data", p("unsorted.libsvm"), "--output", p("new-1"), "--master", l),
                fail("fractional class label", List.of("fraction-label.libsvm:1", "label 0.5 is not a whole number"),
                        "train", "--data", p("fraction-label.libsvm"), "--output", p("new-1"), "--master", l),
                fail("an empty file", List.of("empty.libsvm", "no examples"),
                        "train", "--data", p("empty.libsvm"), "--output", p("new-1"), "--master", l),
                fail("a CSV line with a missing column", List.of("missing-column.csv:3", "missing column"),
                        "train", "--data", p("missing-column.csv"), "--output", p("new-1"), "--master", l),
                fail("a CSV value that is not a number", List.of("not-number.csv:3", "column 1 (a): 'x'"),
                        "train", "--data", p("not-number.csv"), "--output", p("new-1"), "--master", l),
                fail("a truncated .gz among parts", List.of("part-1.libsvm.gz", "truncated or corrupt"),
                        "train", "--data", p("parts"), "--format", "libsvm", "--output", p("new-1"), "--master", l),
                fail("a missing data file", List.of("data = ", "no such file or directory"),
                        "train", "--data", p("nope.libsvm"), "--output", p("new-1"), "--master", l),
                fail("a missing test file, found before training", List.of("test = ", "no such file or directory"),
                        "train", "--data", libsvm(), "--test", p("nope.libsvm"), "--output", p("new-1"), "--master", l),
                fail("a missing validation file", List.of("validation = ", "no such file or directory"),
                        "train", "--data", libsvm(), "--validation", p("nope.libsvm"), "--output", p("new-1")),
                fail("a missing init model", List.of("init = ", "not a model directory"),
                        "train", "--data", libsvm(), "--init", p("photos"), "--output", p("new-1")),
                fail("IDX images without their labels file", List.of("no such file or directory", "labels-idx1"),
                        "train", "--data", p("x-images-idx3-ubyte"), "--output", p("new-1")),
                fail("a directory without data files", List.of("nothing-inside"),
                        "train", "--data", p("nothing-inside"), "--format", "libsvm", "--output", p("new-1"),
                        "--master", l),
                fail("validation labels the training data lacks", List.of("unknown-label.libsvm:2", "label is not one"),
                        "train", "--data", libsvm(), "--validation", p("unknown-label.libsvm"), "--num-features",
                        "784", "--output", p("new-1"), "--master", l),
                fail("a test set wider than the data", List.of("wide.libsvm:1", "index 900 is beyond num-features"),
                        "train", "--data", libsvm(), "--num-features", "784", "--test", p("wide.libsvm"), "--output",
                        p("new-1"), "--master", l),
                fail("evaluating a CSV narrower than the model", List.of("narrow.csv", "2 features, fewer than the 784"),
                        "evaluate", "--model", model.toString(), "--data", p("narrow.csv"), "--format", "csv",
                        "--master", l),
                fail("evaluating labels the model does not know", List.of("unknown-label.libsvm:2", "label 12 is not"),
                        "evaluate", "--model", model.toString(), "--data", p("unknown-label.libsvm"), "--master", l),
                new Case("a CSV with a BOM, CRLF and quoted names trains", 0, List.of("data: 4 training examples, 2 "
                        + "features, 2 classes"), p("new-bom"), "train", "--data", p("bom.csv"), "--label-column",
                        "label", "--layers", "4:relu", "--max-steps", "2", "--batch-size", "2", "--output",
                        p("new-bom"), "--master", l),
                new Case("a conf file with a BOM and CRLF", 0, List.of("2 classes"), p("new-conf"), "train",
                        "--config", p("bom.conf"), "--max-steps", "1", "--output", p("new-conf"), "--master", l),
                new Case("-0, 0, 0.0 and +0 are one class", 0, List.of("6 training examples, 1 features, 2 classes"),
                        p("new-zero"), "train", "--data", p("negative-zero.libsvm"), "--layers", "4:relu",
                        "--max-steps", "1", "--output", p("new-zero"), "--master", l)));
        groups.put("settings outside their range name the key and the range", List.of(
                fail("momentum 1.5", List.of("key 'momentum' = '1.5'", "[0.0, 1.0)"),
                        "train", "--data", libsvm(), "--optimizer", "sgd", "--momentum", "1.5"),
                fail("beta1 = 1", List.of("key 'beta1' = '1'", "[0.0, 1.0)"), "train", "--data", libsvm(), "--beta1", "1"),
                fail("beta2 < 0", List.of("key 'beta2'"), "train", "--data", libsvm(), "--beta2", "-0.1"),
                fail("eps = 0", List.of("key 'eps' = '0'", "> 0"), "train", "--data", libsvm(), "--eps", "0"),
                fail("lr NaN", List.of("key 'lr' = 'NaN'", "not a finite number"), "train", "--data", libsvm(), "--lr", "NaN"),
                fail("lr < 0", List.of("key 'lr' = '-1'", "> 0"), "train", "--data", libsvm(), "--lr", "-1"),
                fail("gamma > 1", List.of("key 'gamma' = '2'", "(0, 1]"),
                        "train", "--data", libsvm(), "--schedule", "exponential", "--gamma", "2"),
                fail("dropout 1", List.of("key 'dropout' = '1'"), "train", "--data", libsvm(), "--dropout", "1"),
                fail("AdamW decay beyond 1 / lr", List.of("key 'weight-decay' = '200'", "lr x weight-decay"),
                        "train", "--data", libsvm(), "--optimizer", "adamw", "--lr", "0.01", "--weight-decay", "200"),
                fail("softmax on a regression unit", List.of("key 'output-activation' = 'softmax'", "always 1"),
                        "train", "--data", libsvm(), "--task", "regression", "--output-activation", "softmax"),
                fail("an unknown master", List.of("key 'master' = 'foo'", "not a Spark master"),
                        "train", "--data", libsvm(), "--master", "foo"),
                fail("local[0]", List.of("key 'master' = 'local[0]'"), "train", "--data", libsvm(), "--master", "local[0]"),
                fail("a mistyped option", List.of("--epohcs", "did you mean --epochs"),
                        "train", "--data", libsvm(), "--epohcs", "3"),
                fail("a mistyped conf key", List.of("typo.conf:2", "unknown key 'lerning-rate'"),
                        "train", "--config", p("typo.conf")),
                fail("epochs 0", List.of("key 'epochs' = '0'"), "train", "--data", libsvm(), "--epochs", "0"),
                fail("a billion epochs", List.of("key 'epochs'", "at most 1000000"),
                        "train", "--data", libsvm(), "--epochs", "1000000000"),
                fail("batch size 0", List.of("key 'batch-size' = '0'"), "train", "--data", libsvm(), "--batch-size", "0"),
                fail("divergence factor below 1", List.of("key 'divergence-factor' = '0.5'"),
                        "train", "--data", libsvm(), "--divergence-factor", "0.5"),
                fail("nesterov without momentum", List.of("key 'nesterov'", "momentum > 0"),
                        "train", "--data", libsvm(), "--optimizer", "sgd", "--nesterov", "true"),
                fail("more partitions than rows", List.of("only 6 examples for 8 partitions"),
                        "train", "--data", p("negative-zero.libsvm"), "--partitions", "8", "--output", p("new-1"),
                        "--master", l)));
        groups.put("model files are checked whole", List.of(
                fail("an edited model.json", List.of("edited-model", "integrity_sha256"),
                        "inspect", "--model", p("edited-model")),
                fail("a truncated params.bin", List.of("params.bin has 10 bytes"),
                        "predict", "--model", p("truncated-model"), "--data", libsvm(), "--predictions", p("new-p")),
                fail("a model.json that is not JSON", List.of("not valid JSON"),
                        "evaluate", "--model", p("garbled-model"), "--data", libsvm()),
                fail("a missing model", List.of("is not an Ember model directory"),
                        "inspect", "--model", p("no-model"))));
        groups.put("resume checks its inputs", List.of(
                fail("resume on a data file that changed", List.of("--resume: the data differ", "changing.libsvm",
                        "--allow-changed-data"), "train", "--resume", "--output", changing.toString(), "--master", l),
                fail("resume with another learning rate", List.of("key 'lr' cannot change when resuming"),
                        "train", "--resume", "--output", run.toString(), "--lr", "0.1"),
                fail("resume a folder that is not a run", List.of("--resume", "is not a run folder"),
                        "train", "--resume", "--output", other.toString()),
                new Case("resume a finished run", 0, List.of("nothing to resume", "Nothing was changed"), null,
                        "train", "--resume", "--output", run.toString(), "--master", l)));
        groups.put("runs that cannot fit stop before allocating", List.of(
                fail("10^6 sparse features packed dense", List.of("not enough memory", "1,000,000 features"),
                        "train", "--data", p("sparse-wide.libsvm"), "--num-features", "1000000", "--layers", "8:relu",
                        "--output", p("new-1"), "--master", l),
                fail("a 1,000,000-unit layer", List.of("not enough memory"),
                        "train", "--data", libsvm(), "--layers", "1000000:relu", "--output", p("new-1"), "--master", l)));
        groups.put("divergence stops with exit 1 and keeps the last good parameters", List.of(
                new Case("a huge learning rate", 1, List.of("training diverged at step"), p("new-diverged"),
                        "train", "--data", libsvm(), "--optimizer", "sgd", "--lr", "1e30", "--output",
                        p("new-diverged"), "--master", l),
                new Case("a loss that grows without becoming infinite", 1, List.of("divergence-factor"), p("new-grow"),
                        "train", "--data", libsvm(), "--optimizer", "sgd", "--lr", "50", "--layers", "32:relu",
                        "--batch-size", "20", "--output", p("new-grow"), "--master", l)));
        List<DynamicNode> nodes = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, List<Case>> g : groups.entrySet()) {
            List<DynamicTest> tests = new ArrayList<>();
            for (Case c : g.getValue()) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c)));
                total++;
            }
            nodes.add(DynamicContainer.dynamicContainer(g.getKey(), tests));
        }
        assertTrue(total >= 60, total + " cases");
        return nodes;
    }

    private void check(Case c) throws IOException {
        Map<String, String> before = snapshot();
        Cli r = Cli.run(c.args());
        assertEquals(c.exit(), r.exit, r.toString());
        String said = c.exit() == 0 ? r.out : r.err + r.out;
        for (String w : c.words()) {
            assertTrue(said.contains(w), "'" + w + "' missing from:\n" + r);
        }
        if (c.exit() != 0) {
            assertTrue(r.err.strip().lines().count() <= 2 && !r.err.contains("\tat "), "one clear line:\n" + r.err);
        }
        Map<String, String> after = snapshot();
        String allowed = c.allowedNewPath() == null ? null : Path.of(c.allowedNewPath()).toString();
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (allowed != null && e.getKey().startsWith(allowed)) {
                continue;
            }
            assertEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed or vanished");
        }
        for (String f : after.keySet()) {
            assertTrue(before.containsKey(f) || (allowed != null && f.startsWith(allowed)), "new file " + f);
        }
    }

    /** SHA-256 of every file under the fixture (the new outputs of earlier success cases excluded). */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                if (!root.relativize(f).toString().startsWith("new-")) {
                    out.put(f.toString(), sha(f));
                }
            }
        }
        return out;
    }

    private static String sha(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
