package io.ember.data;

import java.util.Arrays;
import java.util.List;

/**
 * Numeric CSV: comma-separated, one label column (by header name or 0-based index), every other
 * column a feature. Every data line must have exactly the header's (or the first line's) number
 * of columns; values must be finite numbers. Header names and values may be enclosed in double
 * quotes (which are dropped); a quoted field holding a comma is not supported (numbers only).
 */
public final class CsvParser {
    private final int columns;
    private final int labelColumn;
    private final List<String> header;
    private final int[] indices;
    private final float[] values;

    private CsvParser(int columns, int labelColumn, List<String> header) {
        this.columns = columns;
        this.labelColumn = labelColumn;
        this.header = header;
        this.indices = new int[columns - 1];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        this.values = new float[columns - 1];
    }

    /**
     * A parser from the file's first line: the header when {@code hasHeader}, else the first
     * data row (which only fixes the column count). Throws IllegalArgumentException naming the
     * label column when it cannot be found.
     */
    public static CsvParser fromFirstLine(String firstLine, boolean hasHeader, String labelColumn) {
        String[] cells = split(firstLine);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        if (cells.length < 2) {
            throw new IllegalArgumentException("needs at least 2 columns (a label and a feature), found "
                    + cells.length);
        }
        int label = -1;
        List<String> names = hasHeader ? Arrays.asList(cells) : null;
        if (hasHeader) {
            for (int i = 0; i < cells.length; i++) {
                if (cells[i].strip().equals(labelColumn)) {
                    label = i;
                }
            }
        }
        if (label < 0) {
            try {
                label = Integer.parseInt(labelColumn);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("label column '" + labelColumn + "' is not "
                        + (hasHeader ? "in the header " + Arrays.toString(cells) : "a 0-based column index "
                        + "(csv-header = false)"));
            }
            if (label < 0 || label >= cells.length) {
                throw new IllegalArgumentException("label column index " + label + " is outside 0.." + (cells.length - 1));
            }
        }
        return new CsvParser(cells.length, label, names);
    }

    public int featureCount() {
        return columns - 1;
    }

    /** Feature names in order (the header without the label), or null without a header. */
    public List<String> featureNames() {
        if (header == null) {
            return null;
        }
        List<String> out = new java.util.ArrayList<>(header);
        out.remove(labelColumn);
        return out;
    }

    /** Parses one data line into {@code sink}; returns null, or why the line is bad. */
    public String parse(String line, RowSink sink) {
        String[] cells = split(line);
        if (cells.length != columns) {
            return (cells.length < columns ? "missing column: " : "extra column: ") + cells.length
                    + " values, expected " + columns;
        }
        double label = 0;
        int f = 0;
        for (int c = 0; c < columns; c++) {
            String cell = cells[c];
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return "column " + c + (header != null ? " (" + header.get(c) + ")" : "") + ": '" + cell
                        + "' is not a number";
            }
            if (!Double.isFinite(v)) {
                return "column " + c + (header != null ? " (" + header.get(c) + ")" : "") + ": '" + cell
                        + "' is not finite";
            }
            if (c == labelColumn) {
                label = v;
            } else {
                values[f++] = (float) v;
            }
        }
        sink.row(label, indices, values, values.length);
        return null;
    }

    /** The cells of a line, each stripped of surrounding blanks and double quotes. */
    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip();
            if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
                c = c.substring(1, c.length() - 1).strip();
            }
            cells[i] = c;
        }
        return cells;
    }
}
