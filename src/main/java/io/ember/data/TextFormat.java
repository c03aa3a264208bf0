package io.ember.data;

import java.io.Serializable;

/** How the lines of a text file become rows: LIBSVM or CSV, with the settings each needs. */
public abstract class TextFormat implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Parses one line into a sink; returns null or the reason the line is bad. */
    public interface LineParser {
        String parse(String line, RowSink sink);
    }

    /** A parser for one partition (parsers keep reusable buffers). */
    public abstract LineParser newParser();

    /** True when the first line of each file is a header, not a row. */
    public abstract boolean hasHeader();

    /** Lines that hold no row and no error (blank lines, comments). */
    public abstract boolean skippable(String line);

    /** The number of features when the format fixes it (CSV), else 0. */
    public abstract int fixedFeatures();

    public static TextFormat libsvm(int numFeatures) {
        return new TextFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public LineParser newParser() {
                return new LibsvmParser(numFeatures)::parse;
            }

            @Override
            public boolean hasHeader() {
                return false;
            }

            @Override
            public boolean skippable(String line) {
                return LibsvmParser.skippable(line);
            }

            @Override
            public int fixedFeatures() {
                return 0;
            }
        };
    }

    /** CSV configured from the first line of the first file; {@code weightColumn} empty for unweighted rows. */
    public static TextFormat csv(String firstLine, boolean header, String labelColumn, String weightColumn) {
        CsvParser probe = CsvParser.fromFirstLine(firstLine, header, labelColumn, weightColumn);
        int features = probe.featureCount();
        return new TextFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public LineParser newParser() {
                return CsvParser.fromFirstLine(firstLine, header, labelColumn, weightColumn)::parse;
            }

            @Override
            public boolean hasHeader() {
                return header;
            }

            @Override
            public boolean skippable(String line) {
                return line.isBlank();
            }

            @Override
            public int fixedFeatures() {
                return features;
            }
        };
    }
}
