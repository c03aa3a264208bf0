package io.ember.spark;

import org.apache.spark.Partition;

/**
 * A partition of Ember's own RDDs, known by its number; subclasses carry what a task needs to read
 * it.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
class NumberedPartition implements Partition {
    private static final long serialVersionUID = 1L;
    private final int index;

    NumberedPartition(int index) {
        this.index = index;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int hashCode() {
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((NumberedPartition) o).index == index;
    }
}
