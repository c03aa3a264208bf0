package io.ember.ml;

import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/** What the fitted stages check before scoring; the scoring itself is {@link io.ember.FrameScoring}'s. */
final class StageScoring {
    private StageScoring() {
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
