package io.ember.ml;

import org.apache.spark.ml.util.Identifiable$;

/**
 * Hands a stage its uid while Spark's Scala constructors run: they build the standard Params
 * ({@code featuresCol}, ...) with {@code this.uid()} before a Java subclass's fields are assigned,
 * so the uid is held for the constructing thread until the stage stores it.
 */
final class StageUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private StageUid() {
    }

    /** A new random uid with Spark's format ({@code prefix_12 hex}). */
    static String random(String prefix) {
        return Identifiable$.MODULE$.randomUID(prefix);
    }

    /** Holds {@code uid} for the constructor about to run on this thread. */
    static String hold(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("a stage's uid must not be empty");
        }
        PENDING.set(uid);
        return uid;
    }

    /** The stage's uid: its own once stored, else the one held for its constructor. */
    static String of(String stored) {
        return stored != null ? stored : PENDING.get();
    }

    /** Ends the construction: the held uid, no longer held. */
    static String release() {
        String uid = PENDING.get();
        PENDING.remove();
        return uid;
    }
}
