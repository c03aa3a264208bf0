package io.ember.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session Ember runs in: settings from spark-submit (or the configuration's master,
 * else local[*]), Kryo with Ember's registrator and registration required, unsafe (bulk) Kryo
 * I/O, uncompressed broadcasts in 1 MB pieces, Spark's console progress bar off (Ember prints
 * its own progress). Every default is set only when missing, so spark-submit --conf overrides it.
 */
public final class SparkSetup {
    private SparkSetup() {
    }

    /**
     * Ember's settings on a Spark configuration (also for users' own Spark applications): Kryo with
     * Ember's registrator, each only where not set already.
     *
     * @param conf the configuration to change
     * @return {@code conf}
     */
    public static SparkConf withEmberDefaults(SparkConf conf) {
        conf.set("spark.serializer", KryoSerializer.class.getName());
        conf.set("spark.kryo.registrator", EmberKryoRegistrator.class.getName());
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Measured on the per-step job (README, performance): bulk copies of the float arrays
        // crossing the wire, and no LZ4 pass over broadcast parameters, which do not compress.
        conf.setIfMissing("spark.kryo.unsafe", "true");
        conf.setIfMissing("spark.broadcast.compress", "false");
        // Every broadcast, even a job's few-KB task binary, first fills a buffer of this size; at
        // Spark's 4 MB that is a G1 humongous object each time, and two of them per step.
        conf.setIfMissing("spark.broadcast.blockSize", "1m");
        return conf;
    }

    /**
     * The session for a command-line run.
     *
     * @param master  the configuration's master, which wins when not empty; otherwise spark-submit's,
     *                otherwise {@code local[*]}
     * @param appName the application name when none is set
     * @return the session
     */
    public static SparkSession session(String master, String appName) {
        SparkConf conf = withEmberDefaults(new SparkConf(true));
        if (!master.isEmpty()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.app.name", appName);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
