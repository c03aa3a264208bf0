package io.ember.data;

import java.io.Serializable;

/** A rejected input row: where it was (line within its split, counted from 0) and why. */
public final class BadRow implements Serializable {
    private static final long serialVersionUID = 1L;

    public final int localLine;
    public final String reason;

    public BadRow(int localLine, String reason) {
        this.localLine = localLine;
        this.reason = reason;
    }
}
