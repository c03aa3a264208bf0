package io.ember.ml;

import io.ember.BatchPredictor;
import io.ember.EmberModel;
import io.ember.spark.VectorRows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The transform of both fitted stages: each partition streams through one {@link BatchPredictor}
 * a chunk at a time (never a whole partition in memory), appending the stage's output columns.
 */
final class StageScoring {
    private StageScoring() {
    }

    /** Appends one row's output values, given the predictor that computed its outputs. */
    interface Columns extends Serializable {
        void append(BatchPredictor predictor, float[] outputs, int offset, List<Object> values);
    }

    /**
     * Scores {@code data} into {@code schema} (its columns plus the outputs {@code columns} appends).
     */
    static Dataset<Row> transform(Dataset<?> data, StructType schema, EmberModel model, String featuresCol,
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

    /**
     * Refuses a features column whose vectors are known (from its ML attributes) to have another size
     * than the model's input.
     */
    static void checkWidth(StructType schema, String featuresCol, int width) {
        if (!Arrays.asList(schema.fieldNames()).contains(featuresCol)) {
            return;
        }
        StructField field = schema.apply(featuresCol);
        int size;
        try {
            size = AttributeGroup.fromStructField(field).size();
        } catch (IllegalArgumentException notAVectorColumn) {
            return;
        }
        if (size >= 0 && size != width) {
            throw new IllegalArgumentException("column " + featuresCol + " holds vectors of " + size
                    + " values; the model takes " + width);
        }
    }
}
