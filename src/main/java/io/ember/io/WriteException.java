package io.ember.io;

import java.io.IOException;

/**
 * A write that failed while a command worked (a full disk, a file system that went away): the
 * message names the path. Distinct from bad input, which is found before anything is written.
 */
public final class WriteException extends IOException {
    private static final long serialVersionUID = 1L;

    public WriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
