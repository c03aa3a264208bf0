package io.ember.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One partition's parsed rows before packing: labels and features in compressed sparse rows,
 * where they came from (file and split, for error messages with line numbers), and the rows
 * that were rejected. Dense sources store every feature; the packing step densifies anyway.
 */
public final class RawRows implements Serializable, RowSink {
    private static final long serialVersionUID = 1L;
    /** Bad rows kept with their line for the report; further ones are only counted. */
    public static final int MAX_REPORTED = 20;

    /** File (or "DataFrame"), and byte offset of its split (0 for whole files). */
    public String source;
    public long splitStart;
    /** What one input record is called in messages: line (text), image (IDX) or row (DataFrame). */
    public String unit = "line";
    /** Input records (lines, images, rows) read, including rejected and skipped ones. */
    public int lines;
    /** Global id of row 0 when the source knows it (IDX, DataFrames after indexing), else -1. */
    public long firstRowId = -1;

    private int rows;
    private int[] rowStart = new int[17];
    private int[] indices = new int[256];
    private float[] values = new float[256];
    private double[] labels = new double[16];
    private int width;

    public int badCount;
    public final List<BadRow> badRows = new ArrayList<>();

    public RawRows() {
    }

    public RawRows(String source, long splitStart) {
        this.source = source;
        this.splitStart = splitStart;
    }

    @Override
    public void row(double label, int[] idx, float[] val, int count) {
        append(label, idx, val, 0, count);
    }

    private void append(double label, int[] idx, float[] val, int from, int count) {
        int nnz = rowStart[rows];
        if (rows + 2 > rowStart.length) {
            rowStart = Arrays.copyOf(rowStart, 2 * rowStart.length);
        }
        if (rows == labels.length) {
            labels = Arrays.copyOf(labels, 2 * labels.length);
        }
        if (nnz + count > indices.length) {
            int size = Math.max(2 * indices.length, nnz + count);
            indices = Arrays.copyOf(indices, size);
            values = Arrays.copyOf(values, size);
        }
        System.arraycopy(idx, from, indices, nnz, count);
        System.arraycopy(val, from, values, nnz, count);
        labels[rows] = label;
        rows++;
        rowStart[rows] = nnz + count;
        if (count > 0) {
            width = Math.max(width, idx[from + count - 1] + 1);
        }
    }

    /** Records a rejected row at {@code localLine} (0-based within the split). */
    public void bad(int localLine, String reason) {
        badCount++;
        if (badRows.size() < MAX_REPORTED) {
            badRows.add(new BadRow(localLine, reason));
        }
    }

    public int rows() {
        return rows;
    }

    /** Largest feature index + 1 seen (the column count for dense sources). */
    public int width() {
        return width;
    }

    public void setWidth(int w) {
        width = Math.max(width, w);
    }

    public double label(int r) {
        return labels[r];
    }

    /** Calls {@code visitor} with each stored (index, value) of row r. */
    public void forEachValue(int r, ValueVisitor visitor) {
        for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
            visitor.value(indices[i], values[i]);
        }
    }

    /** Receives one stored feature value. */
    public interface ValueVisitor {
        void value(int index, float value);
    }

    /** The distinct labels of the rows, at most {@code limit} of them (a larger set is cut). */
    public java.util.SortedSet<Double> labels(int limit) {
        java.util.TreeSet<Double> set = new java.util.TreeSet<>();
        for (int r = 0; r < rows && set.size() < limit; r++) {
            set.add(labels[r]);
        }
        return set;
    }

    /** A view with another first row id, sharing the row arrays (the cached original is not changed). */
    public RawRows withFirstRowId(long id) {
        RawRows v = new RawRows(source, splitStart);
        v.unit = unit;
        v.lines = lines;
        v.firstRowId = id;
        v.rows = rows;
        v.rowStart = rowStart;
        v.indices = indices;
        v.values = values;
        v.labels = labels;
        v.width = width;
        v.badCount = badCount;
        v.badRows.addAll(badRows);
        return v;
    }

    /** Rows [from, to) as a new object whose first row has global id {@code firstRowId + from}. */
    public RawRows slice(int from, int to) {
        RawRows s = new RawRows(source, splitStart);
        s.firstRowId = firstRowId + from;
        s.width = width;
        for (int r = from; r < to; r++) {
            s.append(this, r);
        }
        return s;
    }

    /** The rows of {@code parts} one after the other (parts sorted by first row id by the caller). */
    public static RawRows concat(List<RawRows> parts) {
        RawRows out = new RawRows(parts.isEmpty() ? "" : parts.get(0).source, 0);
        out.firstRowId = parts.isEmpty() ? 0 : parts.get(0).firstRowId;
        for (RawRows p : parts) {
            for (int r = 0; r < p.rows; r++) {
                out.append(p, r);
            }
            out.width = Math.max(out.width, p.width);
        }
        return out;
    }

    private void append(RawRows src, int r) {
        append(src.labels[r], src.indices, src.values, src.rowStart[r], src.rowStart[r + 1] - src.rowStart[r]);
    }

    /**
     * Packs the rows selected by {@code keep} (null: all) into a dense block of width
     * {@code features}: scaled by {@code scaler} (may be null), targets encoded by
     * {@code encoding} (class labels through {@code mapping}). Row ids start at
     * {@link #firstRowId}. Throws DataException naming the row of a label that is not a class.
     */
    public DataBlock pack(int features, LabelMapping mapping, TargetEncoding encoding, FeatureScaler scaler,
                          RowFilter keep) {
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (keep == null || keep.keep(firstRowId + r)) {
                n++;
            }
        }
        int k = encoding.units();
        float[] x = new float[n * features];
        float[] t = new float[n * k];
        int out = 0;
        for (int r = 0; r < rows; r++) {
            if (keep != null && !keep.keep(firstRowId + r)) {
                continue;
            }
            int base = out * features;
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                if (indices[i] >= features) {
                    throw new DataException(source + ": row " + (firstRowId + r) + " has feature index "
                            + (indices[i] + 1) + " beyond the " + features + " features of the model");
                }
                x[base + indices[i]] = values[i];
            }
            if (scaler != null) {
                scaler.apply(x, base);
            }
            if (encoding.isClassification()) {
                int cls = mapping.classOf(labels[r]);
                if (cls < 0) {
                    throw new DataException(source + ": row " + (firstRowId + r) + " has label "
                            + LabelMapping.format(labels[r]) + ", which is not one of the classes " + mapping);
                }
                encoding.encodeClass(cls, t, out * k);
            } else {
                t[out * k] = (float) labels[r];
            }
            out++;
        }
        return new DataBlock(x, t, n, features, k, firstRowId);
    }

    /** Chooses rows by global id (the seeded validation split). */
    public interface RowFilter extends Serializable {
        boolean keep(long rowId);
    }
}
