package io.ember.spark;

import io.ember.data.DataBlock;
import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.nn.NetworkSpec;
import org.apache.spark.api.java.JavaRDD;

import java.util.List;

/**
 * Training (and validation) data packed into cached float32 blocks, one per partition, with the
 * network they fit and what turned raw rows into targets: label mapping, encoding, scaling.
 */
public final class PreparedData {
    public final JavaRDD<DataBlock> train;
    public final long[] trainRows;
    /** Null without validation data. */
    public final JavaRDD<DataBlock> validation;
    public final long validationRows;
    public final NetworkSpec spec;
    /** Null for regression. */
    public final LabelMapping labels;
    public final TargetEncoding encoding;
    /** Null without scaling. */
    public final FeatureScaler scaler;
    /** Notes for the user (skipped rows). */
    public final List<String> notes;
    /** Whether the training blocks keep compressed sparse rows; then their non-zeros and CSR array bytes. */
    public boolean sparse;
    public long nonZeros;
    public long csrBytes;

    PreparedData(JavaRDD<DataBlock> train, long[] trainRows, JavaRDD<DataBlock> validation, long validationRows,
                 NetworkSpec spec, LabelMapping labels, TargetEncoding encoding, FeatureScaler scaler, List<String> notes) {
        this.train = train;
        this.trainRows = trainRows;
        this.validation = validation;
        this.validationRows = validationRows;
        this.spec = spec;
        this.labels = labels;
        this.encoding = encoding;
        this.scaler = scaler;
        this.notes = notes;
    }

    public long trainCount() {
        long n = 0;
        for (long r : trainRows) {
            n += r;
        }
        return n;
    }

    /** Bytes Spark's block manager reports for the cached training blocks (its size estimate of the objects). */
    public long cachedBytes() {
        for (org.apache.spark.storage.RDDInfo info : train.context().getRDDStorageInfo()) {
            if (info.id() == train.id()) {
                return info.memSize();
            }
        }
        return 0;
    }

    /** One line on a sparse input's form and size, for the console; null for dense blocks. */
    public String sparseSummary() {
        if (!sparse) {
            return null;
        }
        long rows = trainCount();
        return String.format(java.util.Locale.ROOT, "compressed sparse rows, %.1f non-zeros per row (%.4f%% of %,d "
                + "features); cached %s for %s of CSR arrays (dense float32 would take %s)", nonZeros / (double) rows,
                100.0 * nonZeros / ((double) rows * spec.inputSize()), spec.inputSize(),
                io.ember.train.MemoryEstimate.mb(cachedBytes()), io.ember.train.MemoryEstimate.mb(csrBytes),
                io.ember.train.MemoryEstimate.mb(4L * rows * spec.inputSize()));
    }

    public void unpersist() {
        train.unpersist(false);
        if (validation != null) {
            validation.unpersist(false);
        }
    }
}
