package io.ember.nn;

import java.util.Arrays;

/**
 * A batch's input rows in compressed sparse rows, with what a sparse first layer derives from them:
 * the touched input columns (sorted, distinct), each non-zero's local column number, the touched
 * columns of the first weight matrix gathered compactly, and, after a backward pass, their gradient.
 * Buffers grow to the largest batch seen and are then reused. Not thread-safe: one per workspace.
 */
public final class SparseInput {
    private final int units;
    private int rows;
    private int[] rowStart;
    private int[] index = new int[256];
    private float[] value = new float[256];
    private int[] local = new int[256];
    private int[] sorted = new int[256];
    private int[] columns = new int[256];
    private int columnCount;
    private float[] weights = new float[0];
    private float[] gradient = new float[0];

    /**
     * @param capacity rows a batch has at most
     * @param units    the first layer's units
     */
    SparseInput(int capacity, int units) {
        this.units = units;
        this.rowStart = new int[capacity + 1];
    }

    /** Forgets the rows: the next batch starts. */
    public void clear() {
        rows = 0;
        columnCount = -1;
    }

    /** Appends a row of {@code count} (0-based index, value) pairs from {@code idx[from..]} and {@code val[from..]}. */
    public void addRow(int[] idx, float[] val, int from, int count) {
        if (rows + 1 >= rowStart.length) {
            throw new IllegalStateException("sparse batch holds at most " + (rowStart.length - 1) + " rows");
        }
        int start = rowStart[rows];
        int end = start + count;
        if (end > index.length) {
            int size = Math.max(end, 2 * index.length);
            index = Arrays.copyOf(index, size);
            value = Arrays.copyOf(value, size);
            local = Arrays.copyOf(local, size);
            sorted = Arrays.copyOf(sorted, size);
            columns = Arrays.copyOf(columns, size);
        }
        System.arraycopy(idx, from, index, start, count);
        System.arraycopy(val, from, value, start, count);
        rows++;
        rowStart[rows] = end;
        columnCount = -1;
    }

    /** Rows added since {@link #clear()}. */
    public int rows() {
        return rows;
    }

    /** Non-zeros of the rows added. */
    public int nonZeros() {
        return rowStart[rows];
    }

    /** Where row {@code r}'s non-zeros start in {@link #indexAt}/{@link #valueAt} order (r may be {@link #rows()}). */
    public int rowStart(int r) {
        return rowStart[r];
    }

    /** The 0-based input column of the {@code i}-th stored non-zero. */
    public int indexAt(int i) {
        return index[i];
    }

    /** The value of the {@code i}-th stored non-zero. */
    public float valueAt(int i) {
        return value[i];
    }

    /** Finds the touched columns and numbers each non-zero's column locally (once per batch). */
    void index() {
        if (columnCount >= 0) {
            return;
        }
        int nnz = rowStart[rows];
        System.arraycopy(index, 0, sorted, 0, nnz);
        Arrays.sort(sorted, 0, nnz);
        int n = 0;
        for (int i = 0; i < nnz; i++) {
            if (n == 0 || sorted[i] != columns[n - 1]) {
                columns[n++] = sorted[i];
            }
        }
        for (int i = 0; i < nnz; i++) {
            local[i] = Arrays.binarySearch(columns, 0, n, index[i]);
        }
        columnCount = n;
        if (weights.length < n * units) {
            weights = new float[Math.max(n * units, 2 * weights.length)];
            gradient = new float[weights.length];
        }
    }

    int[] rowStart() {
        return rowStart;
    }

    int[] local() {
        return local;
    }

    float[] values() {
        return value;
    }

    float[] compactWeights() {
        return weights;
    }

    /** The touched input columns of the last pass, ascending; the first {@link #columnCount()} are used. */
    public int[] columns() {
        return columns;
    }

    /** How many input columns the batch touched. */
    public int columnCount() {
        return Math.max(columnCount, 0);
    }

    /**
     * After a training pass: the first weight matrix's gradient in the touched columns,
     * {@code columnCount() x units}, column k's units at {@code k * units} (a zero-length gradient
     * when the first layer is frozen).
     */
    public float[] columnGradient() {
        return gradient;
    }

    /** The first layer's units (values per touched column). */
    public int units() {
        return units;
    }
}
