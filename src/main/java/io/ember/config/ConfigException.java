package io.ember.config;

/** A bad configuration value or key; the message names where it came from, the key and the value. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
