package io.ember.step;

import io.ember.nn.SparseInput;

import java.util.Arrays;

/**
 * The first layer's gradient of a partition's shards, merged in touched columns: the union of the
 * shards' columns (ascending) with their values added in shard order, as the dense sum of the
 * shards' gradients would add them (a column a shard did not touch contributes its zero). Buffers
 * grow to the largest union seen, then are reused.
 */
final class ColumnMerge {
    private final int units;
    private int[] columns = new int[64];
    private float[] values = new float[0];
    private int[] spareColumns = new int[64];
    private float[] spareValues = new float[0];
    private int count;

    ColumnMerge(int units) {
        this.units = units;
    }

    /** Starts over with shard 0's columns. */
    void reset(SparseInput first) {
        int n = first.columnCount();
        ensure(n);
        System.arraycopy(first.columns(), 0, columns, 0, n);
        for (int i = 0; i < n * units; i++) {
            values[i] = 0f + first.columnGradient()[i];
        }
        count = n;
    }

    /** Adds the next shard's columns. */
    void add(SparseInput next) {
        int n = next.columnCount();
        int[] cols = next.columns();
        float[] vals = next.columnGradient();
        ensure(count + n);
        int a = 0;
        int b = 0;
        int out = 0;
        while (a < count || b < n) {
            if (b >= n || (a < count && columns[a] < cols[b])) {
                spareColumns[out] = columns[a];
                System.arraycopy(values, a * units, spareValues, out * units, units);
                a++;
            } else if (a >= count || cols[b] < columns[a]) {
                spareColumns[out] = cols[b];
                for (int u = 0; u < units; u++) {
                    spareValues[out * units + u] = 0f + vals[b * units + u];
                }
                b++;
            } else {
                spareColumns[out] = columns[a];
                for (int u = 0; u < units; u++) {
                    spareValues[out * units + u] = values[a * units + u] + vals[b * units + u];
                }
                a++;
                b++;
            }
            out++;
        }
        int[] c = columns;
        columns = spareColumns;
        spareColumns = c;
        float[] v = values;
        values = spareValues;
        spareValues = v;
        count = out;
    }

    private void ensure(int n) {
        if (columns.length < n) {
            columns = Arrays.copyOf(columns, Math.max(n, 2 * columns.length));
            spareColumns = new int[columns.length];
        }
        if (values.length < n * units) {
            values = Arrays.copyOf(values, Math.max(n * units, 2 * values.length));
            spareValues = new float[values.length];
        }
    }

    int count() {
        return count;
    }

    int[] columns() {
        return columns;
    }

    float[] values() {
        return values;
    }
}
