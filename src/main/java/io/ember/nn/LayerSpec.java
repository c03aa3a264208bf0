package io.ember.nn;

import java.io.Serializable;
import java.util.Objects;

/**
 * One dense layer: {@code units} outputs, its activation, the dropout probability applied to
 * its outputs during training (hidden layers only) and whether the optimizer may change it.
 */
public final class LayerSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int units;
    private final Activation activation;
    private final float dropout;
    private final boolean trainable;

    public LayerSpec(int units, Activation activation, float dropout, boolean trainable) {
        if (units <= 0) {
            throw new IllegalArgumentException("layer size must be positive, got " + units);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        this.units = units;
        this.activation = Objects.requireNonNull(activation, "activation");
        this.dropout = dropout;
        this.trainable = trainable;
    }

    public static LayerSpec of(int units, Activation activation) {
        return new LayerSpec(units, activation, 0f, true);
    }

    public static LayerSpec of(int units, String activation) {
        return of(units, Activation.parse(activation));
    }

    /**
     * Parses {@code units:activation[:dropout]}, e.g. {@code 256:relu:0.2}.
     * The error names the text.
     */
    public static LayerSpec parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("layer '" + text + "' must look like units:activation[:dropout], "
                    + "e.g. 256:relu or 256:relu:0.2");
        }
        int units;
        float dropout = 0f;
        try {
            units = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("layer '" + text + "': size '" + parts[0] + "' is not an integer");
        }
        if (parts.length == 3) {
            try {
                dropout = Float.parseFloat(parts[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layer '" + text + "': dropout '" + parts[2] + "' is not a number");
            }
        }
        try {
            return new LayerSpec(units, Activation.parse(parts[1]), dropout, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer '" + text + "': " + e.getMessage());
        }
    }

    public int units() {
        return units;
    }

    public Activation activation() {
        return activation;
    }

    public float dropout() {
        return dropout;
    }

    public boolean trainable() {
        return trainable;
    }

    public LayerSpec withTrainable(boolean t) {
        return new LayerSpec(units, activation, dropout, t);
    }

    public LayerSpec withDropout(float p) {
        return new LayerSpec(units, activation, p, trainable);
    }

    public LayerSpec withActivation(Activation a) {
        return new LayerSpec(units, a, dropout, trainable);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LayerSpec)) {
            return false;
        }
        LayerSpec l = (LayerSpec) o;
        return units == l.units && activation.equals(l.activation) && Float.compare(dropout, l.dropout) == 0
                && trainable == l.trainable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(units, activation, dropout, trainable);
    }

    /** Parseable text: {@code units:activation[:dropout]} (the trainable flag is kept elsewhere). */
    @Override
    public String toString() {
        return units + ":" + activation + (dropout > 0f ? ":" + dropout : "");
    }
}
