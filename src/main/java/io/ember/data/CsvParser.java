package io.ember.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numeric CSV: comma-separated, one label column and optionally one weight column (each by header
 * name or 0-based index), every other column a feature. Every data line must have exactly the
 * header's (or the first line's) number of columns; values must be finite numbers, weights also
 * >= 0. Header names and values may be enclosed in double quotes (which are dropped); a quoted field
 * holding a comma is not supported (numbers only).
 */
public final class CsvParser {
    private final int columns;
    private final int labelColumn;
    private final int weightColumn;
    private final List<String> header;
    private final int[] indices;
    private final float[] values;

    private CsvParser(int columns, int labelColumn, int weightColumn, List<String> header) {
        this.columns = columns;
        this.labelColumn = labelColumn;
        this.weightColumn = weightColumn;
        this.header = header;
        int features = columns - 1 - (weightColumn >= 0 ? 1 : 0);
        this.indices = new int[features];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        this.values = new float[features];
    }

    /**
     * A parser from the file's first line: the header when {@code hasHeader}, else the first
     * data row (which only fixes the column count). Throws IllegalArgumentException naming the
     * label or weight column when it cannot be found.
     *
     * @param firstLine    the file's first line
     * @param hasHeader    whether it is a header
     * @param labelColumn  the label column's name or 0-based index
     * @param weightColumn the weight column's name or index, or empty for none
     * @return the parser
     */
    public static CsvParser fromFirstLine(String firstLine, boolean hasHeader, String labelColumn,
                                          String weightColumn) {
        String[] cells = split(firstLine);
        boolean weighted = !weightColumn.isEmpty();
        if (cells.length < (weighted ? 3 : 2)) {
            throw new IllegalArgumentException("needs at least " + (weighted ? 3 : 2) + " columns (a label"
                    + (weighted ? ", a weight" : "") + " and a feature), found " + cells.length);
        }
        List<String> names = hasHeader ? Arrays.asList(cells) : null;
        int label = column(cells, hasHeader, labelColumn, "label");
        int weight = weighted ? column(cells, hasHeader, weightColumn, "weight") : -1;
        if (weight == label) {
            throw new IllegalArgumentException("the weight column is the label column (" + labelColumn + ")");
        }
        return new CsvParser(cells.length, label, weight, names);
    }

    private static int column(String[] cells, boolean hasHeader, String name, String what) {
        if (hasHeader) {
            for (int i = 0; i < cells.length; i++) {
                if (cells[i].equals(name.strip())) {
                    return i;
                }
            }
        }
        int index;
        try {
            index = Integer.parseInt(name.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " column '" + name + "' is not "
                    + (hasHeader ? "in the header " + Arrays.toString(cells) : "a 0-based column index "
                    + "(csv-header = false)"));
        }
        if (index < 0 || index >= cells.length) {
            throw new IllegalArgumentException(what + " column index " + index + " is outside 0.." + (cells.length - 1));
        }
        return index;
    }

    public int featureCount() {
        return values.length;
    }

    /** Feature names in order (the header without the label and weight), or null without a header. */
    public List<String> featureNames() {
        if (header == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != labelColumn && c != weightColumn) {
                out.add(header.get(c));
            }
        }
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
        float weight = 1f;
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
            } else if (c == weightColumn) {
                if (v < 0) {
                    return "column " + c + (header != null ? " (" + header.get(c) + ")" : "") + ": weight " + cell
                            + " is negative";
                }
                weight = (float) v;
            } else {
                values[f++] = (float) v;
            }
        }
        sink.row(label, indices, values, values.length);
        if (weightColumn >= 0) {
            sink.weight(weight);
        }
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
