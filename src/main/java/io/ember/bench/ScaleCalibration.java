package io.ember.bench;

import io.ember.data.DataBlock;
import io.ember.spark.SparkSetup;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Locale;

/**
 * scripts/bench-scale's yardstick for the machine's state: the bare-job floor and the payload floor
 * of the 0.94 MB network in {@code local[2]}, as scripts/bench measures them, whose quiet-machine
 * values the README gives. On a loaded machine both grow, and the cluster's figures with them.
 */
final class ScaleCalibration {
    /** The README's warm figures from scripts/bench on a quiet machine (Performance, Figures). */
    static final String QUIET = "2.24-2.73 ms and 4.54-4.94 ms";

    private ScaleCalibration() {
    }

    public static void main(String[] args) {
        JavaSparkContext sc = new JavaSparkContext(SparkSetup.withEmberDefaults(new SparkConf(true))
                .setMaster("local[2]").setAppName("ember bench-scale calibration").set("spark.ui.enabled", "false"));
        try {
            JavaRDD<DataBlock> blocks = sc.parallelize(List.of(new DataBlock(new float[1], new float[1], 1, 1, 1, 0)),
                    1).persist(StorageLevel.MEMORY_ONLY());
            blocks.count();
            SparkFloor.medianEmptyJobMs(sc, blocks, 300);  // warm-up
            SparkFloor.medianPayloadJobMs(sc, blocks, ScaleModel.COMPUTE_PARAMETERS, 300);
            double floor = SparkFloor.medianEmptyJobMs(sc, blocks, 300);
            double payload = SparkFloor.medianPayloadJobMs(sc, blocks, ScaleModel.COMPUTE_PARAMETERS, 300);
            System.out.printf(Locale.ROOT, "calibration: local[2] bare-job floor %.2f ms, payload floor (0.94 MB) %.2f ms "
                    + "(medians of 300 warm jobs; scripts/bench on a quiet machine: %s)%n", floor, payload, QUIET);
        } finally {
            sc.stop();
        }
    }
}
