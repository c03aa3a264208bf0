package io.ember.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorted, disjoint half-open index ranges [from, to) into the flat parameter vector:
 * the parameters an optimizer may update, or those a regularizer decays.
 */
public final class ParamRanges implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] from;
    private final int[] to;

    private ParamRanges(int[] from, int[] to) {
        this.from = from;
        this.to = to;
    }

    public static ParamRanges all(int size) {
        return size == 0 ? new ParamRanges(new int[0], new int[0]) : new ParamRanges(new int[] {0}, new int[] {size});
    }

    /** Builds from unsorted [from, to) pairs; adjacent ranges are merged, empty ones dropped. */
    public static ParamRanges of(List<int[]> ranges) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.removeIf(r -> r[1] <= r[0]);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : sorted) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] < last[1]) {
                throw new IllegalArgumentException("overlapping ranges " + Arrays.toString(last) + " " + Arrays.toString(r));
            }
            if (last != null && r[0] == last[1]) {
                last[1] = r[1];
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        int[] f = new int[merged.size()];
        int[] t = new int[merged.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = merged.get(i)[0];
            t[i] = merged.get(i)[1];
        }
        return new ParamRanges(f, t);
    }

    public int count() {
        return from.length;
    }

    public int from(int i) {
        return from[i];
    }

    public int to(int i) {
        return to[i];
    }

    /** Total number of indices covered. */
    public int size() {
        int s = 0;
        for (int i = 0; i < from.length; i++) {
            s += to[i] - from[i];
        }
        return s;
    }

    public boolean contains(int index) {
        for (int i = 0; i < from.length; i++) {
            if (index >= from[i] && index < to[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamRanges && Arrays.equals(from, ((ParamRanges) o).from)
                && Arrays.equals(to, ((ParamRanges) o).to);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < from.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(from[i]).append("..").append(to[i]);
        }
        return sb.append(']').toString();
    }
}
