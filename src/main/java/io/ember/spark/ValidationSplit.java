package io.ember.spark;

import io.ember.data.RawRows;
import io.ember.linalg.Rng;

/**
 * The seeded validation split: a row is held out when a hash of (seed, global row id) falls
 * below the fraction, so the split does not depend on partitioning or task order.
 */
final class ValidationSplit implements RawRows.RowFilter {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final double fraction;
    private final boolean validation;

    ValidationSplit(long seed, double fraction, boolean validation) {
        this.seed = seed;
        this.fraction = fraction;
        this.validation = validation;
    }

    /** The rows an indicator column marks ({@code validation}) or leaves unmarked (training). */
    static RawRows.RowFilter byIndicator(boolean validation) {
        return (rows, r) -> rows.marked(r) == validation;
    }

    @Override
    public boolean keep(RawRows rows, int r) {
        long rowId = rows.firstRowId + r;
        double u = (Rng.mix(Rng.mix(seed ^ 0x5EEDL) ^ rowId) >>> 11) * 0x1.0p-53;
        return (u < fraction) == validation;
    }
}
