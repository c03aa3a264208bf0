package io.ember.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Ember's version, from the build. */
public final class Version {
    public static final String EMBER;

    static {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/ember.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        EMBER = p.getProperty("version", "unknown");
    }

    private Version() {
    }
}
