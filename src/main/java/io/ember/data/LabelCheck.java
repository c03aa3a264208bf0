package io.ember.data;

import java.io.Serializable;

/**
 * Checks a label as its line is parsed, so a bad label is reported with its file and line:
 * classification labels must be whole numbers and, once the classes are known (validation,
 * evaluation, prediction), one of them.
 */
public final class LabelCheck implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean classification;
    private final LabelMapping known;

    private LabelCheck(boolean classification, LabelMapping known) {
        this.classification = classification;
        this.known = known;
    }

    public static LabelCheck regression() {
        return new LabelCheck(false, null);
    }

    public static LabelCheck classification(LabelMapping known) {
        return new LabelCheck(true, known);
    }

    /** Null if {@code label} is acceptable, else why not. */
    public String problem(double label) {
        if (!classification) {
            return null;
        }
        if (label != Math.rint(label)) {
            return "label " + LabelMapping.format(label) + " is not a whole number (task = classification; use task = regression "
                    + "for real-valued targets)";
        }
        if (known != null && known.classOf(label) < 0) {
            return "label " + LabelMapping.format(label) + " is not one of the model's classes " + known;
        }
        return null;
    }
}
