package io.ember.data;

/**
 * Strict LIBSVM lines: {@code label index:value index:value ...} with 1-based, strictly
 * increasing indices and finite numbers. Blank lines and lines starting with '#' are not rows
 * (as MLlib's reader). Every problem is reported as a message naming the token; unlike MLlib's
 * reader, NaN and infinite values are refused.
 */
public final class LibsvmParser {
    private final int maxFeatures;
    private int[] indices = new int[64];
    private float[] values = new float[64];

    /** {@code maxFeatures}: the declared feature count (0: any index up to 2^31 - 2). */
    public LibsvmParser(int maxFeatures) {
        this.maxFeatures = maxFeatures;
    }

    /** True if the line holds no row (blank or comment). */
    public static boolean skippable(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    /** Parses one row into {@code sink}; returns null, or the reason the line is bad. */
    public String parse(String line, RowSink sink) {
        String[] tokens = line.strip().split("[ \t]+");
        double label;
        try {
            label = Double.parseDouble(tokens[0]);
        } catch (NumberFormatException e) {
            return "label '" + tokens[0] + "' is not a number";
        }
        if (!Double.isFinite(label)) {
            return "label '" + tokens[0] + "' is not finite";
        }
        int count = 0;
        int previous = 0;
        for (int t = 1; t < tokens.length; t++) {
            String tok = tokens[t];
            int colon = tok.indexOf(':');
            if (colon <= 0 || colon == tok.length() - 1) {
                return "token '" + tok + "' is not index:value";
            }
            int index;
            try {
                index = Integer.parseInt(tok.substring(0, colon));
            } catch (NumberFormatException e) {
                return "token '" + tok + "': index is not an integer";
            }
            if (index < 1) {
                return "token '" + tok + "': index must be >= 1 (LIBSVM indices are 1-based)";
            }
            if (index == previous) {
                return "token '" + tok + "': duplicate index " + index;
            }
            if (index < previous) {
                return "token '" + tok + "': index " + index + " after " + previous + " (indices must increase)";
            }
            if (maxFeatures > 0 && index > maxFeatures) {
                return "token '" + tok + "': index " + index + " is beyond num-features = " + maxFeatures;
            }
            if (index == Integer.MAX_VALUE) {
                return "token '" + tok + "': index too large";
            }
            float value;
            try {
                value = Float.parseFloat(tok.substring(colon + 1));
            } catch (NumberFormatException e) {
                return "token '" + tok + "': value is not a number";
            }
            if (!Float.isFinite(value)) {
                return "token '" + tok + "': value is not finite";
            }
            if (count == indices.length) {
                indices = java.util.Arrays.copyOf(indices, 2 * count);
                values = java.util.Arrays.copyOf(values, 2 * count);
            }
            indices[count] = index - 1;
            values[count] = value;
            count++;
            previous = index;
        }
        sink.row(label, indices, values, count);
        return null;
    }
}
