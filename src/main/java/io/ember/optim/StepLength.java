package io.ember.optim;

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

    /** The length in steps: a count as it is, epochs through the run's own steps per epoch. */
    public long steps(EpochSteps run) {
        return epochs ? run.stepsIn(value) : (long) value;
    }

    /**
     * How many optimizer steps a run takes in its first epochs; epochs may differ in length (a batch
     * schedule changes the global batch).
     */
    public interface EpochSteps {
        /** Steps in the first {@code epochs} epochs (a fraction counts that part of the next epoch), rounded. */
        long stepsIn(double epochs);

        /** Steps of the whole run. */
        long totalSteps();
    }

    @Override
    public String toString() {
        return epochs ? value + " epochs" : String.valueOf((long) value);
    }
}
