package io.ember.bench;

import io.ember.data.DataBlock;
import io.ember.spark.PreparedData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rival: Spark MLlib's MultilayerPerceptronClassifier (sigmoid hidden layers, softmax output,
 * L-BFGS by default) with Ember's layer sizes, on the same cached data and partitions. Used here
 * only to be measured.
 */
final class MllibRival {
    private MllibRival() {
    }

    interface Log {
        void line(String format, Object... args);
    }

    static Map<String, Object> run(SparkSession spark, PreparedData prepared, int partitions, int iterations,
                                   double target, Log log) {
        log.line("%n== MLlib MultilayerPerceptronClassifier, l-bfgs, %d iterations, layers %s (sigmoid hidden)",
                iterations, java.util.Arrays.toString(layers(prepared)));
        // MLlib computes one task per partition on one core: give it one partition per core.
        Dataset<Row> train = frame(spark, prepared.train).repartition(partitions).persist(StorageLevel.MEMORY_ONLY());
        Dataset<Row> test = frame(spark, prepared.validation).persist(StorageLevel.MEMORY_ONLY());
        train.count();
        test.count();
        MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setLayers(layers(prepared))
                .setMaxIter(iterations).setSeed(1L).setSolver("l-bfgs");
        long t0 = System.nanoTime();
        MultilayerPerceptronClassificationModel model = mlp.fit(train);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long right = model.transform(test).filter("prediction = label").count();
        double accuracy = (double) right / test.count();
        train.unpersist();
        test.unpersist();
        boolean reached = accuracy >= target;
        log.line("%d iterations in %.1f s: test accuracy %.2f%% (%s %.1f%%)", iterations, seconds, 100 * accuracy,
                reached ? "reached" : "did not reach", 100 * target);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", iterations);
        m.put("time_s", seconds);
        m.put("test_accuracy", accuracy);
        m.put("reached", reached);
        m.put("note", "time of the whole fit; when it did not reach the target this is the budget spent");
        return m;
    }

    private static int[] layers(PreparedData p) {
        int[] l = new int[p.spec.layerCount() + 1];
        l[0] = p.spec.inputSize();
        for (int i = 0; i < p.spec.layerCount(); i++) {
            l[i + 1] = p.spec.layer(i).units();
        }
        return l;
    }

    /** label (class index) and features of the cached blocks, partition for partition. */
    private static Dataset<Row> frame(SparkSession spark, JavaRDD<DataBlock> blocks) {
        StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
                .add("features", SQLDataTypes.VectorType(), false);
        JavaRDD<Row> rows = blocks.mapPartitions(it -> {
            List<Row> out = new ArrayList<>();
            while (it.hasNext()) {
                DataBlock b = it.next();
                int d = b.featureCount();
                int k = b.targetCount();
                for (int r = 0; r < b.rows(); r++) {
                    double[] x = new double[d];
                    for (int j = 0; j < d; j++) {
                        x[j] = b.features()[r * d + j];
                    }
                    int cls = 0;
                    for (int j = 1; j < k; j++) {
                        if (b.targets()[r * k + j] > b.targets()[r * k + cls]) {
                            cls = j;
                        }
                    }
                    out.add(RowFactory.create((double) cls, Vectors.dense(x)));
                }
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, schema);
    }
}
