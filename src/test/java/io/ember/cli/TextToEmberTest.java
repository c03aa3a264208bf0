package io.ember.cli;

import io.ember.Ember;
import io.ember.EmberModel;
import io.ember.config.Settings;
import io.ember.eval.ClassificationEvaluation;
import io.ember.spark.SparkTests;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.Tokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's way from a text column to Ember (section Sparse inputs): Tokenizer and HashingTF (or
 * CountVectorizer) into a DataFrame that Ember trains on, and the same features written as LIBSVM for
 * the command line.
 */
class TextToEmberTest {
    @TempDir
    Path dir;

    private static Dataset<Row> docs(SparkSession spark) {
        String[][] words = {{"kernel", "driver", "module", "firmware", "device"},
                {"python", "module", "package", "import", "binding"},
                {"font", "glyph", "typeface", "unicode", "serif"}};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int c = i % 3;
            String text = words[c][i % 5] + " " + words[c][(i / 3) % 5] + " common words " + words[(c + 1) % 3][i % 4];
            rows.add(RowFactory.create((double) c, text));
        }
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("text", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void aTextColumnThroughHashingTfAndLibsvm() {
        SparkSession spark = SparkTests.spark("local[2]");
        Dataset<Row> docs = docs(spark);
        // The README's lines:
        Dataset<Row> words = new Tokenizer().setInputCol("text").setOutputCol("words").transform(docs);
        Dataset<Row> hashed = new HashingTF().setInputCol("words").setOutputCol("features")
                .setNumFeatures(1 << 18).transform(words);
        EmberModel model = Ember.train(spark, Settings.of("layers", "16:relu", "epochs", "10", "batch-size", "32",
                "lr", "0.01"), hashed);
        String libsvm = dir.resolve("docs.libsvm").toString();
        hashed.select("label", "features").write().format("libsvm").save(libsvm);

        assertEquals(1 << 18, model.inputSize());
        ClassificationEvaluation e = (ClassificationEvaluation) Ember.evaluate(spark, model, Settings.empty(), hashed);
        assertTrue(e.accuracy() > 0.95, "accuracy " + e.accuracy());

        Cli cli = Cli.run("train", "--data", libsvm, "--num-features", String.valueOf(1 << 18), "--layers", "16:relu",
                "--epochs", "15", "--batch-size", "32", "--lr", "0.01", "--master", "local[2]", "--output",
                dir.resolve("run").toString());
        assertEquals(0, cli.exit, cli.toString());
        assertTrue(cli.out.contains("data: 240 training examples, 262144 features, 3 classes"), cli.out);
        assertTrue(cli.out.contains("input: compressed sparse rows"), cli.out);
    }

    @Test
    void aTextColumnThroughCountVectorizer() {
        SparkSession spark = SparkTests.spark("local[2]");
        Dataset<Row> words = new Tokenizer().setInputCol("text").setOutputCol("words").transform(docs(spark));
        Dataset<Row> counted = new CountVectorizer().setInputCol("words").setOutputCol("features")
                .setVocabSize(1 << 18).fit(words).transform(words);
        EmberModel model = Ember.train(spark, Settings.of("layers", "16:relu", "epochs", "10", "batch-size", "32",
                "lr", "0.01"), counted);
        ClassificationEvaluation e = (ClassificationEvaluation) Ember.evaluate(spark, model, Settings.empty(), counted);
        assertTrue(e.accuracy() > 0.95, "accuracy " + e.accuracy());
    }
}
