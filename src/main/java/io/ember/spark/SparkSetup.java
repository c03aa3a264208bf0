package io.ember.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session Ember runs in: settings from spark-submit (or the configuration's master,
 * else local[*]), Kryo with Ember's registrator (registration required in Ember's own command-line
 * application), unsafe (bulk) Kryo I/O, uncompressed broadcasts in 1 MB pieces, Spark's console
 * progress bar off (Ember prints its own progress). Every default is set only when missing, so
 * spark-submit --conf overrides it.
 */
public final class SparkSetup {
    private SparkSetup() {
    }

    /**
     * Ember's settings on a Spark configuration, for users' own Spark applications too: Ember's
     * classes registered with Kryo (its registrator added to any already configured), Kryo as the
     * serializer unless one is set, and the transfer settings measured on the per-step job where
     * they are not set. Nothing here makes the rest of an application behave differently: Kryo
     * registration is not made mandatory, and no setting the application made is replaced.
     *
     * @param conf the configuration to change
     * @return {@code conf}
     */
    public static SparkConf withEmberDefaults(SparkConf conf) {
        conf.setIfMissing("spark.serializer", KryoSerializer.class.getName());
        String registrator = EmberKryoRegistrator.class.getName();
        String registrators = conf.get("spark.kryo.registrator", "").trim();
        if (!java.util.Arrays.asList(registrators.split("\\s*,\\s*")).contains(registrator)) {
            conf.set("spark.kryo.registrator", registrators.isEmpty() ? registrator : registrators + "," + registrator);
        }
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
     * The Hadoop configuration a command's files are checked with before Spark starts: Hadoop's
     * defaults plus every {@code spark.hadoop.*} setting spark-submit passed (as SparkContext does).
     *
     * @return the configuration
     */
    public static org.apache.hadoop.conf.Configuration hadoopConfiguration() {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        for (scala.Tuple2<String, String> kv : new SparkConf(true).getAll()) {
            if (kv._1().startsWith("spark.hadoop.")) {
                conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
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
        // Ember's own application: an unregistered class crossing the wire is a bug to find, not to pay for.
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        if (!master.isEmpty()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.app.name", appName);
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
