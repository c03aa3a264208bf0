package io.ember.data;

import io.ember.nn.SparseInput;
import io.ember.nn.Workspace;

import java.io.Serializable;

/**
 * A packed block of training rows: row-major float32 features ({@code rows x featureCount})
 * and targets ({@code rows x targetCount}), the rows' weights when they are weighted, with the
 * global id of the first row (ids are consecutive; they key dropout masks). One block per Spark
 * partition, cached.
 *
 * <p>A sparse block keeps its features as compressed sparse rows in one or more
 * {@link SparseRows} chunks (so a partition is not limited to 2^31 values) and one target value
 * per row (the class, encoded when gathered, or the regression value): its cached size follows
 * the non-zeros, not {@code rows x featureCount}.
 */
public final class DataBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] features;
    private final float[] targets;
    private final int rows;
    private final int featureCount;
    private final int targetCount;
    private final long firstId;
    /** Per-row weights, or null when every row weighs 1. */
    private final float[] weights;
    /** Sparse blocks: the CSR chunks, the first row of each, one target value per row, their encoding. */
    private final SparseRows[] chunks;
    private final int[] chunkStart;
    private final TargetEncoding encoding;

    public DataBlock(float[] features, float[] targets, int rows, int featureCount, int targetCount, long firstId) {
        this(features, targets, null, rows, featureCount, targetCount, firstId);
    }

    public DataBlock(float[] features, float[] targets, float[] weights, int rows, int featureCount, int targetCount,
                     long firstId) {
        if (features.length != (long) rows * featureCount || targets.length != (long) rows * targetCount) {
            throw new IllegalArgumentException("block arrays do not match " + rows + " rows x (" + featureCount
                    + " features, " + targetCount + " targets)");
        }
        this.features = features;
        this.targets = targets;
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.firstId = firstId;
        if (weights != null && weights.length != rows) {
            throw new IllegalArgumentException(weights.length + " weights for " + rows + " rows");
        }
        this.weights = weights;
        this.chunks = null;
        this.chunkStart = null;
        this.encoding = null;
    }

    /**
     * A sparse block: {@code chunks} hold the rows in order; {@code targetValues[r]} is row r's class
     * (classification, encoded by {@code encoding} when gathered) or its value (regression).
     */
    public DataBlock(SparseRows[] chunks, float[] targetValues, TargetEncoding encoding, float[] weights,
                     int featureCount, long firstId) {
        int n = 0;
        this.chunkStart = new int[chunks.length];
        for (int c = 0; c < chunks.length; c++) {
            chunkStart[c] = n;
            n += chunks[c].rows();
        }
        if (targetValues.length != n || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException("sparse block of " + n + " rows with " + targetValues.length
                    + " targets" + (weights == null ? "" : " and " + weights.length + " weights"));
        }
        this.chunks = chunks;
        this.features = null;
        this.targets = targetValues;
        this.encoding = encoding;
        this.weights = weights;
        this.rows = n;
        this.featureCount = featureCount;
        this.targetCount = encoding.units();
        this.firstId = firstId;
    }

    /**
     * Sparse blocks of consecutive rows as one block: their chunks one after the other (a partition
     * whose non-zeros exceed one array is packed in pieces and joined here without copying the CSR
     * arrays).
     *
     * @param parts sparse blocks, in row order, of the same width and encoding
     * @return one block with every part's chunks
     */
    public static DataBlock concatSparse(java.util.List<DataBlock> parts) {
        java.util.List<SparseRows> chunks = new java.util.ArrayList<>();
        int rows = 0;
        boolean weighted = false;
        for (DataBlock b : parts) {
            if (!b.isSparse() || b.featureCount != parts.get(0).featureCount) {
                throw new IllegalArgumentException("only sparse blocks of one width are joined");
            }
            chunks.addAll(java.util.Arrays.asList(b.chunks));
            rows += b.rows;
            weighted |= b.weights != null;
        }
        float[] targets = new float[rows];
        float[] weights = weighted ? new float[rows] : null;
        int at = 0;
        for (DataBlock b : parts) {
            System.arraycopy(b.targets, 0, targets, at, b.rows);
            if (weighted) {
                if (b.weights == null) {
                    java.util.Arrays.fill(weights, at, at + b.rows, 1f);
                } else {
                    System.arraycopy(b.weights, 0, weights, at, b.rows);
                }
            }
            at += b.rows;
        }
        DataBlock first = parts.get(0);
        return new DataBlock(chunks.toArray(new SparseRows[0]), targets, first.encoding, weights, first.featureCount,
                first.firstId);
    }

    /** Whether the features are kept as compressed sparse rows. */
    public boolean isSparse() {
        return chunks != null;
    }

    /** Stored non-zeros of a sparse block ({@code rows x featureCount} for a dense one). */
    public long nonZeros() {
        if (chunks == null) {
            return (long) rows * featureCount;
        }
        long n = 0;
        for (SparseRows c : chunks) {
            n += c.nonZeros();
        }
        return n;
    }

    /** Bytes of a sparse block's CSR arrays (indices, values, row pointers); 0 for a dense block. */
    public long csrBytes() {
        long b = 0;
        if (chunks != null) {
            for (SparseRows c : chunks) {
                b += c.csrBytes();
            }
        }
        return b;
    }

    /** CSR chunks of a sparse block (more than one when its non-zeros exceed one array). */
    public int chunkCount() {
        return chunks == null ? 0 : chunks.length;
    }

    /** Whether the rows carry weights (else each weighs 1). */
    public boolean weighted() {
        return weights != null;
    }

    /**
     * The dense features, row-major; a sparse block has none (null). Read only: the array may be the
     * parsed rows' own ({@link RawRows#pack}).
     */
    public float[] features() {
        return features;
    }

    /** Targets row-major ({@code rows x targetCount}); a sparse block: one class or value per row. */
    public float[] targets() {
        return targets;
    }

    public int rows() {
        return rows;
    }

    public int featureCount() {
        return featureCount;
    }

    public int targetCount() {
        return targetCount;
    }

    public long firstId() {
        return firstId;
    }

    /**
     * Copies rows {@code order[from .. to)} into row-major {@code x}, {@code t}, their ids into
     * {@code ids} and, when the block is weighted and {@code w} is not null, their weights into
     * {@code w}, starting at row 0 of each. Only the destination arrays are modified.
     */
    public void gather(int[] order, int from, int to, float[] x, float[] t, long[] ids, float[] w) {
        if (chunks != null) {
            throw new IllegalStateException("a sparse block gathers into a sparse workspace");
        }
        for (int i = from; i < to; i++) {
            int row = order == null ? i : order[i];
            int dst = i - from;
            System.arraycopy(features, row * featureCount, x, dst * featureCount, featureCount);
            System.arraycopy(targets, row * targetCount, t, dst * targetCount, targetCount);
            ids[dst] = firstId + row;
            if (weights != null && w != null) {
                w[dst] = weights[row];
            }
        }
    }

    /**
     * Copies rows {@code order[from .. to)} (null: in order) into the first rows of {@code ws}: its dense
     * input or, for a sparse block, its sparse input; targets and ids, and the weights when
     * {@code withWeights}. Only the workspace is modified.
     */
    public void gather(int[] order, int from, int to, Workspace ws, boolean withWeights) {
        if (chunks == null) {
            gather(order, from, to, ws.input(), ws.target(), ws.exampleIds(), withWeights ? ws.weights() : null);
            return;
        }
        SparseInput x = ws.sparseInput();
        if (x == null) {
            throw new IllegalStateException("a sparse block gathers into a sparse workspace");
        }
        x.clear();
        float[] t = ws.target();
        long[] ids = ws.exampleIds();
        float[] w = ws.weights();
        for (int i = from; i < to; i++) {
            int row = order == null ? i : order[i];
            int dst = i - from;
            int c = chunkOf(row);
            SparseRows chunk = chunks[c];
            int local = row - chunkStart[c];
            int start = chunk.rowStart[local];
            x.addRow(chunk.indices, chunk.values, start, chunk.rowStart[local + 1] - start);
            if (encoding.isClassification()) {
                encoding.encodeClass((int) targets[row], t, dst * targetCount);
            } else {
                t[dst] = targets[row];
            }
            ids[dst] = firstId + row;
            if (weights != null && withWeights) {
                w[dst] = weights[row];
            }
        }
    }

    private int chunkOf(int row) {
        if (chunks.length == 1) {
            return 0;
        }
        int c = java.util.Arrays.binarySearch(chunkStart, row);
        return c >= 0 ? c : -c - 2;
    }
}
