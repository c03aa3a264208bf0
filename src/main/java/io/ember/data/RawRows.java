package io.ember.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One partition's parsed rows before packing: labels and features, where they came from (file
 * and split, with each row's line, for error messages), and the rows that were rejected. Sparse
 * sources (LIBSVM, vectors) keep compressed sparse rows; dense sources (CSV, IDX) say so with
 * {@link #dense(int)} and keep only the values, row after row.
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
    /**
     * Why the rest of the split could not be read (a truncated or corrupt compressed file), with
     * the record it happened after; null when the split was read to its end.
     */
    public String fatal;

    private int rows;
    /** Dense sources: every row has exactly this many values, no indices are stored. 0: sparse. */
    private int denseWidth;
    /** Sources that declare each row's width (CSV, IDX, vectors): that width, else 0 (LIBSVM). */
    private int declaredWidth;
    private int[] rowStart = new int[17];
    private int[] indices = new int[256];
    private float[] values = new float[256];
    private double[] labels = new double[16];
    private int[] lineOf = new int[16];
    /** Per-row weights, or null while every row weighs 1. */
    private float[] weights;
    /** Per-row validation marks (1: a validation row), or null when the source marks none. */
    private byte[] marks;
    private int width;

    public int badCount;
    public final List<BadRow> badRows = new ArrayList<>();

    public RawRows() {
    }

    public RawRows(String source, long splitStart) {
        this.source = source;
        this.splitStart = splitStart;
    }

    /**
     * Declares every row to have exactly {@code features} values (before the first row): only values
     * are stored, and the width is fixed (data narrower or wider than a model's input is refused).
     *
     * @param features the column count
     * @return this
     */
    public RawRows dense(int features) {
        if (rows > 0) {
            throw new IllegalStateException("dense() must come before the first row");
        }
        denseWidth = features;
        indices = null;
        values = new float[0]; // grown to what is reserved exactly, so that a block can take it as is
        return declareWidth(features);
    }

    /**
     * Declares the width every row has (vectors of a declared size, stored sparse): data of another
     * width than a model's input is refused.
     *
     * @param features the declared width
     * @return this
     */
    public RawRows declareWidth(int features) {
        declaredWidth = features;
        width = Math.max(width, features);
        return this;
    }

    /** The width every row declares, or 0 when rows only have their largest index (LIBSVM). */
    public int declaredWidth() {
        return declaredWidth;
    }

    /** True for sources whose rows declare their width (CSV, IDX, vectors). */
    public boolean fixedWidth() {
        return declaredWidth > 0;
    }

    /** Expects room for {@code n} more rows of {@code valuesPerRow} values (avoids growing by copies). */
    public void reserve(int n, int valuesPerRow) {
        ensure(rows + n, (long) rowStart[rows] + (long) n * valuesPerRow);
    }

    @Override
    public void row(double label, int[] idx, float[] val, int count) {
        row(label, idx, val, count, lines);
    }

    /** Adds a row read at {@code localLine} (0-based within the split). */
    public void row(double label, int[] idx, float[] val, int count, int localLine) {
        if (denseWidth > 0 && count != denseWidth) {
            throw new IllegalArgumentException("dense rows have " + denseWidth + " values, got " + count);
        }
        append(label, idx, val, 0, count, localLine);
    }

    private void ensure(int rowCount, long valueCount) {
        if (rowCount + 1 > rowStart.length) {
            rowStart = Arrays.copyOf(rowStart, Math.max(2 * rowStart.length, rowCount + 1));
        }
        if (rowCount > labels.length) {
            int size = Math.max(2 * labels.length, rowCount);
            labels = Arrays.copyOf(labels, size);
            lineOf = Arrays.copyOf(lineOf, size);
            if (weights != null) {
                weights = Arrays.copyOf(weights, size);
            }
            if (marks != null) {
                marks = Arrays.copyOf(marks, size);
            }
        }
        if (valueCount > Integer.MAX_VALUE - 16) {
            throw new DataException(source + ": a partition holds more than 2^31 feature values; read the data "
                    + "in more partitions");
        }
        if (valueCount > values.length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * values.length, valueCount));
            values = Arrays.copyOf(values, size);
            if (indices != null) {
                indices = Arrays.copyOf(indices, size);
            }
        }
    }

    private void append(double label, int[] idx, float[] val, int from, int count, int localLine) {
        int nnz = rowStart[rows];
        ensure(rows + 1, (long) nnz + count);
        if (indices != null) {
            System.arraycopy(idx, from, indices, nnz, count);
        }
        System.arraycopy(val, from, values, nnz, count);
        labels[rows] = label == 0 ? 0.0 : label; // -0 and 0 are one label
        lineOf[rows] = localLine;
        rows++;
        rowStart[rows] = nnz + count;
        if (count > 0 && indices != null) {
            width = Math.max(width, idx[from + count - 1] + 1);
        }
    }

    /**
     * Gives the row just added a weight (rows without one weigh 1).
     *
     * @param w the weight, finite and >= 0 (checked by the parser)
     */
    public void weightLast(float w) {
        if (weights == null) {
            if (w == 1f) {
                return;
            }
            weights = new float[labels.length];
            Arrays.fill(weights, 0, rows - 1, 1f);
        }
        weights[rows - 1] = w;
    }

    /** Marks the row just added as a validation row or not (a validation indicator column). */
    public void markLast(boolean validation) {
        if (marks == null) {
            marks = new byte[labels.length];
        }
        marks[rows - 1] = (byte) (validation ? 1 : 0);
    }

    /** Whether row {@code r} is marked for validation (false when the source marks no rows). */
    public boolean marked(int r) {
        return marks != null && marks[r] == 1;
    }

    /** The weight of row {@code r}. */
    public float weight(int r) {
        return weights == null ? 1f : weights[r];
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

    /** Values stored (non-zeros and explicit zeros of sparse rows; every value of dense rows). */
    public long valueCount() {
        return rowStart[rows];
    }

    /** Bytes the row arrays take (as allocated): what caching the parsed partition costs. */
    public long storedBytes() {
        return 4L * values.length + (indices == null ? 0 : 4L * indices.length)
                + 4L * rowStart.length + 12L * labels.length;
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

    /** The line (0-based within the split) row {@code r} was read from. */
    public int localLine(int r) {
        return lineOf[r];
    }

    /** Calls {@code visitor} with each stored (index, value) of row r. */
    public void forEachValue(int r, ValueVisitor visitor) {
        for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
            visitor.value(indices == null ? i - rowStart[r] : indices[i], values[i]);
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
        RawRows v = emptyLike();
        v.firstRowId = id;
        v.lines = lines;
        v.fatal = fatal;
        v.rows = rows;
        v.rowStart = rowStart;
        v.indices = indices;
        v.values = values;
        v.labels = labels;
        v.lineOf = lineOf;
        v.weights = weights;
        v.marks = marks;
        v.width = width;
        v.badCount = badCount;
        v.badRows.addAll(badRows);
        return v;
    }

    private RawRows emptyLike() {
        RawRows r = new RawRows(source, splitStart);
        r.unit = unit;
        r.denseWidth = denseWidth;
        r.declaredWidth = declaredWidth;
        if (denseWidth > 0) {
            r.indices = null;
        }
        r.width = declaredWidth;
        return r;
    }

    /** Rows [from, to) as a new object whose first row has global id {@code firstRowId + from}. */
    public RawRows slice(int from, int to) {
        RawRows s = emptyLike();
        s.firstRowId = firstRowId + from;
        s.width = width;
        s.reserve(to - from, denseWidth > 0 ? denseWidth : 0);
        for (int r = from; r < to; r++) {
            s.append(this, r);
        }
        return s;
    }

    /** The rows of {@code parts} one after the other (parts sorted by first row id by the caller). */
    public static RawRows concat(List<RawRows> parts) {
        if (parts.isEmpty()) {
            RawRows out = new RawRows("", 0);
            out.firstRowId = 0;
            return out;
        }
        RawRows out = parts.get(0).emptyLike();
        out.splitStart = 0;
        out.firstRowId = parts.get(0).firstRowId;
        int n = 0;
        long values = 0;
        for (RawRows p : parts) {
            n += p.rows;
            values += p.rowStart[p.rows];
        }
        out.ensure(n, values);
        for (RawRows p : parts) {
            for (int r = 0; r < p.rows; r++) {
                out.append(p, r);
            }
            out.width = Math.max(out.width, p.width);
        }
        return out;
    }

    private void append(RawRows src, int r) {
        append(src.labels[r], src.indices, src.values, src.rowStart[r], src.rowStart[r + 1] - src.rowStart[r],
                src.lineOf[r]);
        weightLast(src.weight(r));
        if (src.marks != null) {
            markLast(src.marks[r] == 1);
        }
    }

    /**
     * Packs the rows selected by {@code keep} (null: all) into a dense block of width
     * {@code features}: scaled by {@code scaler} (may be null), targets encoded by
     * {@code encoding} (class labels through {@code mapping}). Row ids start at
     * {@link #firstRowId}. Callers check labels and widths beforehand; a label that is not a class
     * or an index beyond {@code features} still fails here, naming the row.
     *
     * <p>Dense rows that are all kept, unscaled and exactly as wide as the block are not copied when
     * their array is exactly full (IDX, whose reader reserves the exact size; CSV grows its array by
     * doubling and is copied): the block takes this partition's values array (neither side writes to
     * it, and the parsed rows are released once packed). A copy touches as much fresh memory again
     * as the data, which costs more than the copy itself (a JVM's first 188 MB array took 844 ms on
     * the 2-core VM, README).
     */
    public DataBlock pack(int features, LabelMapping mapping, TargetEncoding encoding, FeatureScaler scaler,
                          RowFilter keep) {
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (keep == null || keep.keep(this, r)) {
                n++;
            }
        }
        int k = encoding.units();
        if ((long) n * features > Integer.MAX_VALUE - 16) {
            throw new DataException(source + ": " + n + " rows x " + features + " features do not fit one block; "
                    + "use more partitions");
        }
        boolean adopt = denseWidth == features && n == rows && scaler == null && values.length == n * features;
        float[] x = adopt ? values : new float[n * features];
        float[] t = new float[n * k];
        float[] w = weights == null ? null : new float[n];
        int out = 0;
        for (int r = 0; r < rows; r++) {
            if (keep != null && !keep.keep(this, r)) {
                continue;
            }
            if (w != null) {
                w[out] = weights[r];
            }
            int base = out * features;
            int start = rowStart[r];
            int count = rowStart[r + 1] - start;
            if (!adopt) {
                copyRow(r, start, count, x, base, features);
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
        return new DataBlock(x, t, w, n, features, k, firstRowId);
    }

    private void copyRow(int r, int start, int count, float[] x, int base, int features) {
        if (indices == null) {
            if (count > features) {
                throw new DataException(source + ": row " + (firstRowId + r) + " has " + count + " features, "
                        + "the model " + features);
            }
            System.arraycopy(values, start, x, base, count);
            return;
        }
        for (int i = start; i < start + count; i++) {
            if (indices[i] >= features) {
                throw new DataException(source + ": row " + (firstRowId + r) + " has feature index "
                        + (indices[i] + 1) + " beyond the " + features + " features of the model");
            }
            x[base + indices[i]] = values[i];
        }
    }

    /** Values stored that are not zero (LIBSVM may store explicit zeros; dense sources store every value). */
    public long nonZeros() {
        long n = 0;
        int end = rowStart[rows];
        for (int i = 0; i < end; i++) {
            if (values[i] != 0f) {
                n++;
            }
        }
        return n;
    }

    /** Values a sparse chunk holds at most: what one Java array can index. */
    public static final int MAX_CHUNK_VALUES = Integer.MAX_VALUE - 16;

    /**
     * Packs the rows selected by {@code keep} (null: all) into a sparse block of width {@code features},
     * keeping only non-zero values, in chunks of at most {@code maxChunkValues} values (a row never
     * spans two chunks). Targets are stored as one value per row (the class through {@code mapping},
     * or the regression value). The same checks as {@link #pack}: an index beyond {@code features} or
     * an unknown label fails naming the row. No scaling: shifting would fill in the zeros.
     */
    public DataBlock packSparse(int features, LabelMapping mapping, TargetEncoding encoding, RowFilter keep,
                                int maxChunkValues) {
        List<int[]> chunkRows = new ArrayList<>(); // per chunk: {first raw row, end raw row, kept rows, values}
        int[] current = {0, 0, 0, 0};
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            if (keep != null && !keep.keep(this, r)) {
                continue;
            }
            int nz = 0;
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                int col = indices == null ? i - rowStart[r] : indices[i];
                if (col >= features) {
                    throw new DataException(source + ": row " + (firstRowId + r) + " has feature index " + (col + 1)
                            + " beyond the " + features + " features of the model");
                }
                nz += values[i] != 0f ? 1 : 0;
            }
            if (current[2] > 0 && (long) current[3] + nz > maxChunkValues) {
                chunkRows.add(current);
                current = new int[] {r, r, 0, 0};
            }
            current[1] = r + 1;
            current[2]++;
            current[3] += nz;
            kept++;
        }
        chunkRows.add(current);
        SparseRows[] chunks = new SparseRows[chunkRows.size()];
        float[] targetValues = new float[kept];
        float[] w = weights == null ? null : new float[kept];
        int out = 0;
        for (int c = 0; c < chunks.length; c++) {
            int[] plan = chunkRows.get(c);
            int[] start = new int[plan[2] + 1];
            int[] idx = new int[plan[3]];
            float[] val = new float[plan[3]];
            int k = 0;
            int nz = 0;
            for (int r = plan[0]; r < plan[1]; r++) {
                if (keep != null && !keep.keep(this, r)) {
                    continue;
                }
                for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
                    if (values[i] != 0f) {
                        idx[nz] = indices == null ? i - rowStart[r] : indices[i];
                        val[nz++] = values[i];
                    }
                }
                start[++k] = nz;
                if (encoding.isClassification()) {
                    int cls = mapping.classOf(labels[r]);
                    if (cls < 0) {
                        throw new DataException(source + ": row " + (firstRowId + r) + " has label "
                                + LabelMapping.format(labels[r]) + ", which is not one of the classes " + mapping);
                    }
                    targetValues[out] = cls;
                } else {
                    targetValues[out] = (float) labels[r];
                }
                if (w != null) {
                    w[out] = weights[r];
                }
                out++;
            }
            chunks[c] = new SparseRows(start, idx, val);
        }
        return new DataBlock(chunks, targetValues, encoding, w, features, firstRowId);
    }

    /**
     * The line (0-based within the split) of the first row whose label {@code known} does not
     * contain, or -1. Lets the driver name the line of an unknown label instead of failing in a task.
     */
    public int firstUnknownLabelLine(LabelMapping known) {
        for (int r = 0; r < rows; r++) {
            if (known.classOf(labels[r]) < 0) {
                return lineOf[r];
            }
        }
        return -1;
    }

    /** Chooses rows: the seeded validation split by global id, or a validation indicator column. */
    public interface RowFilter extends Serializable {
        /** Whether row {@code r} of {@code rows} (global id {@code rows.firstRowId + r}) is kept. */
        boolean keep(RawRows rows, int r);
    }
}
