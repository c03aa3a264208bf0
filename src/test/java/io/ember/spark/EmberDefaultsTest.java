package io.ember.spark;

import io.ember.Ember;
import io.ember.EmberModel;
import io.ember.TestModels;
import io.ember.config.Settings;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * withEmberDefaults in a user's own application: it registers what Ember sends without making Kryo
 * registration mandatory, keeps the application's own registrator, and the application's other
 * work (a CSV read with schema inference, which ships unregistered classes) keeps working.
 */
class EmberDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void theRestOfTheApplicationBehavesAsBefore() throws Exception {
        SparkTests.spark().stop();
        SparkConf conf = SparkSetup.withEmberDefaults(new SparkConf(false).setMaster("local[2]").setAppName("user-app")
                .set("spark.kryo.registrator", UserRegistrator.class.getName())
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        assertFalse(conf.contains("spark.kryo.registrationRequired"));
        assertEquals(UserRegistrator.class.getName() + "," + EmberKryoRegistrator.class.getName(),
                conf.get("spark.kryo.registrator"));
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            List<String> lines = new ArrayList<>(List.of("x,y,label"));
            for (int i = 0; i < 200; i++) {
                lines.add((i % 7) + "," + (i % 5) * 0.5 + "," + (i % 7 > 3 ? 1 : 0));
            }
            Path csv = Files.write(dir.resolve("user.csv"), lines);
            Dataset<Row> df = spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString());
            assertEquals(200, df.count());
            Dataset<Row> features = new VectorAssembler().setInputCols(new String[] {"x", "y"})
                    .setOutputCol("features").transform(df);
            EmberModel m = Ember.train(spark, Settings.of("layers", "8:tanh", "epochs", "3", "batch-size", "20"),
                    features);
            assertEquals(2, TestModels.parts(m).labels().classes());
        } finally {
            spark.stop();
        }
    }

    /** A user's own registrator, which Ember's must not replace. */
    public static final class UserRegistrator implements org.apache.spark.serializer.KryoRegistrator {
        @Override
        public void registerClasses(com.esotericsoftware.kryo.Kryo kryo) {
            kryo.register(java.util.UUID.class);
        }
    }
}
