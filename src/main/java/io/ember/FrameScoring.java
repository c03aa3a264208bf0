package io.ember;

import io.ember.spark.VectorRows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a DataFrame's vector column: each partition streams through one {@link BatchPredictor} a
 * chunk at a time (never a whole partition in memory), appending output columns. The one path of
 * {@link Ember#predict} and the Spark ML stages' {@code transform}.
 */
public final class FrameScoring {
    private FrameScoring() {
    }

    /** Appends one row's output values, given the predictor that computed its outputs. */
    public interface Columns extends Serializable {
        /**
         * Appends the values of one row's output columns.
         *
         * @param predictor the partition's predictor (class probabilities, predicted class)
         * @param outputs   its outputs buffer
         * @param offset    where the row's outputs start
         * @param values    the row's values so far
         */
        void append(BatchPredictor predictor, float[] outputs, int offset, List<Object> values);
    }

    /**
     * Scores {@code data} into {@code schema} (its columns plus the outputs {@code columns} appends);
     * a features vector of the wrong size or a null one fails naming the column.
     *
     * @param data        the rows
     * @param schema      the output schema
     * @param model       the model
     * @param featuresCol the vector column
     * @param columns     appends the outputs
     * @return the scored rows
     */
    public static Dataset<Row> transform(Dataset<?> data, StructType schema, EmberModel model, String featuresCol,
                                         Columns columns) {
        int featureIndex = data.schema().fieldIndex(featuresCol);
        int width = model.inputSize();
        JavaRDD<Row> scored = data.toDF().javaRDD().mapPartitions(rows -> {
            BatchPredictor predictor = model.newPredictor();
            return predictor.stream(rows, (row, input, offset) -> {
                try {
                    VectorRows.read((Vector) row.get(featureIndex), width, input, offset);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("column " + featuresCol + ": " + e.getMessage(), e);
                }
            }, (row, outputs, offset) -> {
                List<Object> values = new ArrayList<>(row.size() + 3);
                values.addAll(JavaConverters.seqAsJavaList(row.toSeq()));
                columns.append(predictor, outputs, offset, values);
                return RowFactory.create(values.toArray());
            });
        });
        return data.sparkSession().createDataFrame(scored, schema);
    }
}
