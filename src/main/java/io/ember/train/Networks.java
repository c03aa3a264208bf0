package io.ember.train;

import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.data.DataSettings;
import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSettings;
import io.ember.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The configured network for the data: layers, output unit(s), activation and loss resolved. */
public final class Networks {
    private Networks() {
    }

    /**
     * The network for {@code inputSize} features and {@code outputs} classes (classification) or
     * target values (regression), with the auto output activation and loss resolved; throws a
     * ConfigException when it cannot be trained (threshold output, loss that does not fit).
     */
    public static NetworkSpec of(Config c, int inputSize, int outputs) {
        boolean classification = c.get(DataSettings.TASK) == DataSettings.Task.CLASSIFICATION;
        Activation configured = c.get(NetworkSettings.OUTPUT_ACTIVATION);
        Activation out = configured != null ? configured : defaultOutput(classification, outputs);
        int units = outputs;
        if (classification) {
            if (outputs < 2) {
                throw new ConfigException("classification needs at least 2 classes, the data has " + outputs);
            }
            units = outputs == 2 && out.kind() != Activation.Kind.SOFTMAX ? 1 : outputs;
        }
        Loss loss = c.get(NetworkSettings.LOSS) != null ? c.get(NetworkSettings.LOSS) : defaultLoss(out);
        List<LayerSpec> layers = new ArrayList<>(c.get(NetworkSettings.LAYERS)
                .withDefaultDropout((float) (double) c.get(NetworkSettings.DROPOUT)));
        layers.add(LayerSpec.of(units, out));
        Set<Integer> freeze = c.get(NetworkSettings.FREEZE);
        for (int f : freeze) {
            if (f >= layers.size()) {
                throw c.fail(NetworkSettings.FREEZE, "layer " + f + " does not exist; the network has layers 0.."
                        + (layers.size() - 1));
            }
        }
        NetworkSpec spec;
        try {
            spec = new NetworkSpec(inputSize, layers, loss).withFrozen(freeze);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("network: " + e.getMessage());
        }
        String problem = spec.trainingProblem();
        if (problem != null) {
            throw new ConfigException("network cannot be trained: " + problem);
        }
        return spec;
    }

    /** Combinations of the task and the network that can never be trained, refused before any data is read. */
    static void check(Config c) {
        Activation out = c.get(NetworkSettings.OUTPUT_ACTIVATION);
        if (c.get(DataSettings.TASK) == DataSettings.Task.REGRESSION && out != null
                && out.kind() == Activation.Kind.SOFTMAX) {
            throw c.fail(NetworkSettings.OUTPUT_ACTIVATION, "softmax over the single output unit of a regression is "
                    + "always 1; use identity (the default), sigmoid, tanh or relu");
        }
    }

    private static Activation defaultOutput(boolean classification, int outputs) {
        if (!classification) {
            return Activation.of(Activation.Kind.IDENTITY);
        }
        return Activation.of(outputs == 2 ? Activation.Kind.SIGMOID : Activation.Kind.SOFTMAX);
    }

    private static Loss defaultLoss(Activation out) {
        switch (out.kind()) {
            case SOFTMAX: return Loss.CROSS_ENTROPY;
            case SIGMOID: return Loss.BINARY_CROSS_ENTROPY;
            default: return Loss.SQUARED_ERROR;
        }
    }
}
