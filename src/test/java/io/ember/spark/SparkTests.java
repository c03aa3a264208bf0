package io.ember.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One real local Spark session for the test JVM, with Ember's Kryo settings and registration
 * required. Asking for another master stops the current session first (one SparkContext per JVM);
 * a session stopped elsewhere (the CLI stops its own) is recreated.
 */
public final class SparkTests {
    private static SparkSession session;
    private static String sessionMaster;

    private SparkTests() {
    }

    public static synchronized SparkSession spark(String master) {
        return spark(master, true);
    }

    /**
     * A session for Spark ML pipelines: Spark's own stages and evaluators (VectorAssembler,
     * RegressionEvaluator) serialize classes Ember does not register, so Kryo registration is not
     * required here, as in a user's application.
     */
    public static SparkSession forPipelines() {
        return spark("local[2]", false);
    }

    private static synchronized SparkSession spark(String master, boolean strict) {
        String key = master + (strict ? "" : " (pipelines)");
        if (session != null && (session.sparkContext().isStopped() || !key.equals(sessionMaster))) {
            session.stop();
            session = null;
        }
        if (session == null) {
            SparkConf conf = SparkSetup.withEmberDefaults(new SparkConf(false))
                    .setMaster(master)
                    .setAppName("ember-tests")
                    .set("spark.kryo.registrationRequired", Boolean.toString(strict))
                    .set("spark.ui.enabled", "false")
                    .set("spark.sql.shuffle.partitions", "4")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            session = SparkSession.builder().config(conf).getOrCreate();
            sessionMaster = key;
        }
        return session;
    }

    public static SparkSession spark() {
        return spark("local[2]");
    }

    public static JavaSparkContext sc(String master) {
        return JavaSparkContext.fromSparkContext(spark(master).sparkContext());
    }

    public static JavaSparkContext sc() {
        return sc("local[2]");
    }
}
