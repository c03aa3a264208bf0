package io.ember.spark;

import com.esotericsoftware.kryo.Kryo;
import io.ember.data.BadRow;
import io.ember.data.DataBlock;
import io.ember.data.FeatureScaler;
import io.ember.data.FeatureStats;
import io.ember.data.LabelMapping;
import io.ember.data.PartitionSummary;
import io.ember.data.RawRows;
import io.ember.data.TargetEncoding;
import io.ember.eval.ClassificationEvaluation;
import io.ember.eval.RegressionEvaluation;
import io.ember.step.BatchGradient;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class of Ember's that crosses the wire or a cache boundary with Kryo, so runs
 * work with {@code spark.kryo.registrationRequired=true} (Ember's default and its tests').
 */
public final class EmberKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : new Class<?>[] {
                DataBlock.class, io.ember.data.SparseRows.class, io.ember.data.SparseRows[].class, RawRows.class, BadRow.class, PartitionSummary.class, BatchGradient.class,
                ClassificationEvaluation.class, RegressionEvaluation.class, TargetEncoding.class, LabelMapping.class,
                FeatureStats.class, FeatureScaler.class,
                float[].class, double[].class, int[].class, long[].class, long[][].class, float[][].class,
                Object[].class, java.util.ArrayList.class, java.util.TreeSet.class, java.util.HashMap.class,
                java.util.LinkedHashMap.class, java.util.Collections.unmodifiableList(new java.util.ArrayList<>()).getClass(),
                DataBlock[].class, BatchGradient[].class, Long.class, Long[].class, Integer.class,
                short[].class}) {
            kryo.register(c);
        }
    }
}
