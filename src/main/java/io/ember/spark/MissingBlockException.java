package io.ember.spark;

/** A cached training block is gone (its executor died): the driver recomputes it and repeats the step. */
public final class MissingBlockException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingBlockException(String message) {
        super(message);
    }
}
