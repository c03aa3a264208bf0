package io.ember.train;

import java.util.Locale;

/** A length in optimizer steps, given as a plain count or as {@code N epochs}. */
public record StepLength(double value, boolean epochs) {

    /** Parses {@code 500}, {@code 2 epochs}, {@code 0.5 epoch}; throws IllegalArgumentException on anything else. */
    public static StepLength parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean inEpochs = t.endsWith("epochs") || t.endsWith("epoch");
        String number = inEpochs ? t.substring(0, t.lastIndexOf("epoch")).trim() : t.endsWith("steps")
                ? t.substring(0, t.length() - 5).trim() : t;
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number of steps or 'N epochs'");
        }
        if (!(v >= 0) || Double.isInfinite(v) || (!inEpochs && v != Math.rint(v))) {
            throw new IllegalArgumentException("expected a whole number of steps >= 0 or 'N epochs' with N >= 0");
        }
        return new StepLength(v, inEpochs);
    }

    /** The length in steps, given the steps of one epoch. */
    public long steps(long stepsPerEpoch) {
        return epochs ? Math.round(value * stepsPerEpoch) : (long) value;
    }

    @Override
    public String toString() {
        return epochs ? value + " epochs" : String.valueOf((long) value);
    }
}
