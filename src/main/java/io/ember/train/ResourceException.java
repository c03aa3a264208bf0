package io.ember.train;

/**
 * A run that cannot fit the memory it has, found before anything big was allocated; the message
 * gives the estimate and what to change.
 */
public final class ResourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResourceException(String message) {
        super(message);
    }
}
