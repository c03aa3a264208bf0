package io.ember.ml;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded DataFrames for the stages' tests. */
final class MlData {
    static final StructType SCHEMA = new StructType().add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false).add("weight", DataTypes.DoubleType, false)
            .add("isVal", DataTypes.BooleanType, false);

    private MlData() {
    }

    /** {@code n} rows of 3 well separated Gaussian blobs in 4 dimensions, labels 0, 1, 2; every 5th row marked for validation; weights 1 or 2. */
    static Dataset<Row> blobs(SparkSession spark, int n, long seed) {
        Random r = new Random(seed);
        double[][] centres = {{2, 0, 0, 1}, {0, 2, 0, -1}, {0, 0, 2, 0}};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            double[] x = new double[4];
            for (int j = 0; j < 4; j++) {
                x[j] = centres[c][j] + 0.5 * r.nextGaussian();
            }
            rows.add(RowFactory.create((double) c, Vectors.dense(x), 1.0 + (i % 2), i % 5 == 0));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** {@code n} rows of y = 3 x0 - 2 x1 + 1 (+ small noise) with x uniform in [-1, 1]^2. */
    static Dataset<Row> line(SparkSession spark, int n, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = 2 * r.nextDouble() - 1;
            double b = 2 * r.nextDouble() - 1;
            rows.add(RowFactory.create(3 * a - 2 * b + 1 + 0.01 * r.nextGaussian(), Vectors.dense(a, b), 1.0,
                    i % 5 == 0));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * {@code n} rows of {@code width} features with 6 non-zeros each as sparse vectors: class c's rows draw
     * their features from the c-th third of the columns.
     */
    static Dataset<Row> sparseThirds(SparkSession spark, int n, int width, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            java.util.TreeMap<Integer, Double> x = new java.util.TreeMap<>();
            while (x.size() < 6) {
                x.put(c * (width / 3) + r.nextInt(width / 3), 0.5 + r.nextDouble());
            }
            int[] idx = x.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] val = x.values().stream().mapToDouble(Double::doubleValue).toArray();
            rows.add(RowFactory.create((double) c, Vectors.sparse(width, idx, val), 1.0, i % 5 == 0));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }
}
