package io.ember.nn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable description of a feed-forward network: input width, dense layers, loss.
 * It also owns the flat parameter layout: layer l occupies, from {@link #weightOffset(int)},
 * its weights as [units][fanIn] row-major (PyTorch's nn.Linear layout) followed by its
 * {@code units} biases; layers follow each other in order.
 */
public final class NetworkSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int inputSize;
    private final List<LayerSpec> layers;
    private final Loss loss;
    private final int[] offsets;
    private final int parameterCount;

    public NetworkSpec(int inputSize, List<LayerSpec> layers, Loss loss) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + inputSize);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one (output) layer");
        }
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
        this.loss = Objects.requireNonNull(loss, "loss");
        for (int l = 0; l < layers.size() - 1; l++) {
            Activation a = layers.get(l).activation();
            if (a.outputOnly()) {
                throw new IllegalArgumentException("layer " + l + " (" + layers.get(l) + "): " + a.kind().name()
                        .toLowerCase() + " is allowed only in the output layer");
            }
        }
        if (output().dropout() > 0f) {
            throw new IllegalArgumentException("dropout is for hidden layers; the output layer " + output()
                    + " must not have it");
        }
        offsets = new int[layers.size() + 1];
        long total = 0;
        for (int l = 0; l < layers.size(); l++) {
            offsets[l] = (int) total;
            total += (long) layers.get(l).units() * (fanIn(l) + 1);
            if (total > Integer.MAX_VALUE - 16) {
                long first = (long) layers.get(0).units() * (inputSize + 1L);
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "network has more than 2^31 "
                        + "parameters (one float array holds them all): the first layer alone, %,d inputs x %,d units, "
                        + "has %,d (%.1f GB as float32, before gradients and optimizer state); use fewer features "
                        + "(num-features) or units", inputSize, layers.get(0).units(), first, 4.0 * first / (1L << 30)));
            }
        }
        offsets[layers.size()] = (int) total;
        parameterCount = (int) total;
    }

    /**
     * Null when this network can be trained by back-propagation with its loss, else why not
     * (threshold output, loss that does not fit the output activation).
     */
    public String trainingProblem() {
        String why = loss.incompatibility(output().activation());
        return why == null ? null : "output layer " + output() + " with loss " + loss + ": " + why;
    }

    /** Throws IllegalArgumentException with {@link #trainingProblem()} when training is impossible. */
    public void checkTrainable() {
        String why = trainingProblem();
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }

    public int inputSize() {
        return inputSize;
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    public int layerCount() {
        return layers.size();
    }

    public LayerSpec layer(int l) {
        return layers.get(l);
    }

    public LayerSpec output() {
        return layers.get(layers.size() - 1);
    }

    public int outputSize() {
        return output().units();
    }

    public Loss loss() {
        return loss;
    }

    public int parameterCount() {
        return parameterCount;
    }

    public int fanIn(int l) {
        return l == 0 ? inputSize : layers.get(l - 1).units();
    }

    public int weightOffset(int l) {
        return offsets[l];
    }

    public int biasOffset(int l) {
        return offsets[l] + layers.get(l).units() * fanIn(l);
    }

    /** Number of parameters (weights and biases) of layer l. */
    public int layerParameterCount(int l) {
        return offsets[l + 1] - offsets[l];
    }

    /** The parameters of trainable layers. */
    public ParamRanges trainableRanges() {
        List<int[]> r = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).trainable()) {
                r.add(new int[] {offsets[l], offsets[l + 1]});
            }
        }
        return ParamRanges.of(r);
    }

    /** The weights (and with {@code biases}, the biases) of trainable layers: what L1/L2/weight decay touch. */
    public ParamRanges decayRanges(boolean biases) {
        List<int[]> r = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).trainable()) {
                r.add(new int[] {offsets[l], biases ? offsets[l + 1] : biasOffset(l)});
            }
        }
        return ParamRanges.of(r);
    }

    public NetworkSpec withLayers(List<LayerSpec> newLayers) {
        return new NetworkSpec(inputSize, newLayers, loss);
    }

    /** The same network with layers {@code frozen} (0-based) not trainable and the others trainable. */
    public NetworkSpec withFrozen(java.util.Set<Integer> frozen) {
        List<LayerSpec> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            out.add(layers.get(l).withTrainable(!frozen.contains(l)));
        }
        return withLayers(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NetworkSpec)) {
            return false;
        }
        NetworkSpec n = (NetworkSpec) o;
        return inputSize == n.inputSize && layers.equals(n.layers) && loss == n.loss;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputSize, layers, loss);
    }

    /** e.g. {@code 784 -> 256:relu -> 10:softmax, cross_entropy, 203530 parameters}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(inputSize);
        for (LayerSpec s : layers) {
            sb.append(" -> ").append(s).append(s.trainable() ? "" : " (frozen)");
        }
        return sb.append(", ").append(loss).append(", ").append(parameterCount).append(" parameters").toString();
    }
}
