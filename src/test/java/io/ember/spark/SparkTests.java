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
        if (session != null && (session.sparkContext().isStopped() || !master.equals(sessionMaster))) {
            session.stop();
            session = null;
        }
        if (session == null) {
            SparkConf conf = SparkSetup.withEmberDefaults(new SparkConf(false))
                    .setMaster(master)
                    .setAppName("ember-tests")
                    .set("spark.kryo.registrationRequired", "true")
                    .set("spark.ui.enabled", "false")
                    .set("spark.sql.shuffle.partitions", "4")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            session = SparkSession.builder().config(conf).getOrCreate();
            sessionMaster = master;
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
