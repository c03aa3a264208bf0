package io.ember.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What the driver needs to know of a parsed partition: where it came from, its counts, labels and bad rows. */
public final class PartitionSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    /** More distinct labels than this is refused for classification. */
    public static final int MAX_CLASSES = 10_000;

    public final String source;
    public final String unit;
    public final long splitStart;
    public final int lines;
    public final int rows;
    public final int width;
    /** Dense sources: every row has exactly {@link #width} values. */
    public final boolean fixedWidth;
    /** Why the split could not be read to its end, or null. */
    public final String fatal;
    /** Bytes the parsed rows take in memory. */
    public final long bytes;
    /** Rows marked for validation by an indicator column. */
    public final int marked;
    public final int badCount;
    public final List<BadRow> badRows;
    public final TreeSet<Double> labels;

    public PartitionSummary(RawRows raw) {
        this.source = raw.source;
        this.unit = raw.unit;
        this.splitStart = raw.splitStart;
        this.lines = raw.lines;
        this.rows = raw.rows();
        this.width = raw.width();
        this.fixedWidth = raw.fixedWidth();
        this.fatal = raw.fatal;
        this.bytes = raw.storedBytes();
        int m = 0;
        for (int r = 0; r < raw.rows(); r++) {
            m += raw.marked(r) ? 1 : 0;
        }
        this.marked = m;
        this.badCount = raw.badCount;
        this.badRows = new ArrayList<>(raw.badRows);
        SortedSet<Double> l = raw.labels(MAX_CLASSES + 1);
        this.labels = new TreeSet<>(l);
    }

    /**
     * "file:line" (or "file: image N", "DataFrame row N") of a bad row of partition {@code p},
     * counting the records of earlier splits of the same source.
     */
    public static String locate(List<PartitionSummary> all, int p, BadRow bad) {
        return locate(all, p, bad.localLine);
    }

    /** "file:line" of record {@code localLine} (0-based) of partition {@code p}'s split. */
    public static String locate(List<PartitionSummary> all, int p, int localLine) {
        PartitionSummary s = all.get(p);
        long before = 0;
        for (PartitionSummary o : all) {
            if (o.source.equals(s.source) && o.splitStart < s.splitStart) {
                before += o.lines;
            }
        }
        long number = before + localLine + 1;
        return s.unit.equals("line") ? s.source + ":" + number : s.source + ": " + s.unit + " " + number;
    }
}
