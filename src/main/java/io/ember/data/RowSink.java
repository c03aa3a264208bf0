package io.ember.data;

/** Receives parsed rows: a label and the features as (0-based index, value) pairs in ascending index order. */
public interface RowSink {
    void row(double label, int[] indices, float[] values, int count);

    /** The weight of the row just given (called only by weighted sources; others weigh 1). */
    default void weight(float w) {
    }
}
