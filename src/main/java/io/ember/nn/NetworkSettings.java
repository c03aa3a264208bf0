package io.ember.nn;

import io.ember.config.Setting;
import io.ember.config.Setting.Range;
import io.ember.config.SettingSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The settings that shape the network: one declaration each. */
public final class NetworkSettings {
    private static final String GROUP = "network";

    /**
     * Hidden layers as written: each layer, and whether it set its own dropout (the others take
     * {@link #DROPOUT}).
     *
     * @param layers     the layers (dropout 0 where not given)
     * @param ownDropout per layer, whether it gave a dropout
     */
    public record HiddenLayers(List<LayerSpec> layers, List<Boolean> ownDropout) {
        /** The layers with {@code dropout} on those that did not set their own. */
        public List<LayerSpec> withDefaultDropout(float dropout) {
            List<LayerSpec> out = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                out.add(ownDropout.get(i) ? layers.get(i) : layers.get(i).withDropout(dropout));
            }
            return out;
        }
    }

    public static final Setting<HiddenLayers> LAYERS = Setting.of("layers", GROUP, "", HiddenLayers.class,
            NetworkSettings::parseLayers, "hidden layers as units:activation[:dropout], comma separated, e.g. "
                    + "'256:relu, 128:relu:0.2'; activations identity, sigmoid, tanh, relu, leaky_relu[(slope)]",
            NetworkSettings.class);
    /** Null for auto: the output follows from the task and the classes. */
    public static final Setting<Activation> OUTPUT_ACTIVATION = Setting.of("output-activation", GROUP, "auto",
            Activation.class, t -> t.equalsIgnoreCase("auto") ? null : Activation.parse(t), "output activation: auto "
                    + "(softmax for 3+ classes, sigmoid for 2, identity for regression), identity, sigmoid, tanh, relu, "
                    + "leaky_relu, softmax", NetworkSettings.class);
    /** Null for auto: the loss follows from the output activation. */
    public static final Setting<Loss> LOSS = Setting.of("loss", GROUP, "auto", Loss.class,
            t -> t.equalsIgnoreCase("auto") ? null : Loss.parse(t), "auto (cross_entropy with softmax, "
                    + "binary_cross_entropy with sigmoid, else squared_error), squared_error (mse), binary_cross_entropy "
                    + "(bce), cross_entropy (ce)", NetworkSettings.class);
    public static final Setting<Double> DROPOUT = Setting.real("dropout", GROUP, "0", Range.closedOpen(0, 1),
            "dropout probability for hidden layers that do not set their own, in [0, 1)", NetworkSettings.class);
    @SuppressWarnings("unchecked")
    public static final Setting<Set<Integer>> FREEZE = Setting.of("freeze", GROUP, "", (Class<Set<Integer>>) (Class<?>)
            Set.class, NetworkSettings::parseIndices, "0-based indices of layers whose parameters stay fixed, comma "
            + "separated", NetworkSettings.class);

    /** Every network setting, in table order. */
    public static final SettingSet ALL = SettingSet.of(List.of(LAYERS, OUTPUT_ACTIVATION, LOSS, DROPOUT, FREEZE),
            List.of());

    private NetworkSettings() {
    }

    private static HiddenLayers parseLayers(String text) {
        List<LayerSpec> layers = new ArrayList<>();
        List<Boolean> own = new ArrayList<>();
        if (!text.isBlank()) {
            for (String part : text.split(",")) {
                LayerSpec l = LayerSpec.parse(part);
                if (l.activation().outputOnly()) {
                    throw new IllegalArgumentException("layer '" + part.trim() + "': " + l.activation()
                            + " is allowed only in the output layer (see output-activation); a threshold unit has no "
                            + "useful derivative and softmax normalizes a whole layer");
                }
                layers.add(l);
                own.add(part.trim().split(":").length == 3);
            }
        }
        return new HiddenLayers(List.copyOf(layers), List.copyOf(own));
    }

    private static Set<Integer> parseIndices(String text) {
        Set<Integer> out = new TreeSet<>();
        if (text.isBlank()) {
            return Collections.unmodifiableSet(out);
        }
        for (String part : text.split(",")) {
            try {
                int i = Integer.parseInt(part.trim());
                if (i < 0) {
                    throw new NumberFormatException();
                }
                out.add(i);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not a layer index (0, 1, ...)");
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
