package io.ember.eval;

import io.ember.data.DataBlock;
import io.ember.data.FeatureScaler;
import io.ember.linalg.Gemm;
import io.ember.nn.ForwardBackward;
import io.ember.nn.NetworkSpec;
import io.ember.nn.Workspace;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The one inference path: a network's forward pass over chunks of up to {@link #CHUNK} rows through
 * one reused workspace. Raw rows are scaled as the model was trained; packed blocks arrive scaled.
 * Evaluation, validation, {@code ember predict}, the Java API and the Spark ML transform all score
 * through it, chunk by chunk, so nothing ever holds a whole partition's output; after warm-up a
 * prediction allocates nothing. One predictor per thread.
 */
public final class Predictor {
    /** Rows per forward pass: large enough for efficient GEMMs, small enough for cache. */
    public static final int CHUNK = 512;

    private final ForwardBackward net;
    private final float[] params;
    private final FeatureScaler scaler;
    private final Workspace ws;
    private final int inputs;
    private final int outputs;

    /**
     * @param spec   the network
     * @param params its flat parameters (read, never changed; may be replaced with {@link #withParams})
     * @param scaler the feature scaling applied to raw rows, or null
     * @param gemm   the GEMM backend
     */
    public Predictor(NetworkSpec spec, float[] params, FeatureScaler scaler, Gemm gemm) {
        this(new ForwardBackward(spec, gemm), params, scaler, new Workspace(spec, CHUNK));
    }

    private Predictor(ForwardBackward net, float[] params, FeatureScaler scaler, Workspace ws) {
        if (params.length != net.spec().parameterCount()) {
            throw new IllegalArgumentException(params.length + " parameters for a network of "
                    + net.spec().parameterCount());
        }
        this.net = net;
        this.params = params;
        this.scaler = scaler;
        this.ws = ws;
        this.inputs = net.spec().inputSize();
        this.outputs = net.spec().outputSize();
    }

    /** The same predictor (and buffers) for other parameters of the same network: validation after each epoch. */
    public Predictor withParams(float[] other) {
        return new Predictor(net, other, scaler, ws);
    }

    /** Rows one call takes at most. */
    public int capacity() {
        return CHUNK;
    }

    /** The input buffer: fill {@code rows x inputSize} raw features row-major, then call {@link #predict(int)}. */
    public float[] input() {
        return ws.input();
    }

    /**
     * Scales the first {@code rows} raw inputs (in place) and runs the network.
     *
     * @param rows rows filled in {@link #input()}, at most {@link #capacity()}
     * @return the outputs buffer, {@code rows x outputs} row-major (reused by the next call)
     */
    public float[] predict(int rows) {
        if (scaler != null) {
            for (int r = 0; r < rows; r++) {
                scaler.apply(ws.input(), r * inputs);
            }
        }
        net.predict(params, ws, rows);
        return ws.output();
    }

    /**
     * Runs the network on rows {@code [from, to)} of a packed (already scaled) block, at most
     * {@link #capacity()} of them; the outputs and the block's targets for those rows land in
     * {@link #output()} and {@link #target()}.
     *
     * @param block the block
     * @param from  first row
     * @param to    end row (exclusive)
     * @return the summed loss of those rows against their targets
     */
    public double predictBlock(DataBlock block, int from, int to) {
        block.gather(null, from, to, ws.input(), ws.target(), ws.exampleIds(), null);
        return net.predictWithLoss(params, ws, to - from);
    }

    /** Outputs of the last call, {@code rows x outputs} row-major. */
    public float[] output() {
        return ws.output();
    }

    /** Targets of the last {@link #predictBlock} call. */
    public float[] target() {
        return ws.target();
    }

    /** Output units per row. */
    public int outputs() {
        return outputs;
    }

    /** Puts one source row into row {@code r} of the input buffer (zeros are already there). */
    public interface RowReader<T> {
        void read(T row, float[] input, int offset);
    }

    /** Turns a source row and its network outputs ({@code outputs[offset .. offset + units)}) into a result. */
    public interface RowWriter<T, R> {
        R write(T row, float[] outputs, int offset);
    }

    /**
     * Scores {@code rows} lazily, a chunk at a time: the returned iterator reads at most
     * {@link #capacity()} source rows ahead, so a partition of any size streams through.
     */
    public <T, R> Iterator<R> stream(Iterator<T> rows, RowReader<T> reader, RowWriter<T, R> writer) {
        return new Iterator<R>() {
            @SuppressWarnings("unchecked")
            private final T[] chunk = (T[]) new Object[CHUNK];
            private int filled;
            private int next;

            @Override
            public boolean hasNext() {
                if (next < filled) {
                    return true;
                }
                filled = 0;
                next = 0;
                java.util.Arrays.fill(ws.input(), 0, CHUNK * inputs, 0f);
                while (filled < CHUNK && rows.hasNext()) {
                    T row = rows.next();
                    reader.read(row, ws.input(), filled * inputs);
                    chunk[filled++] = row;
                }
                if (filled > 0) {
                    predict(filled);
                }
                return filled > 0;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T row = chunk[next];
                chunk[next] = null;
                return writer.write(row, ws.output(), outputs * next++);
            }
        };
    }

    /**
     * Scores packed blocks lazily, a chunk at a time, giving each row's block, index and outputs to
     * {@code writer} (its targets are in {@link #target()} at {@code outputs() x} the row's position in
     * the chunk).
     */
    public <R> Iterator<R> streamBlocks(Iterator<DataBlock> blocks, BlockRowWriter<R> writer) {
        return new Iterator<R>() {
            private DataBlock block;
            private int from;
            private int to;
            private int next;

            @Override
            public boolean hasNext() {
                while (next >= to) {
                    if (block != null && to < block.rows()) {
                        from = to;
                    } else if (blocks.hasNext()) {
                        block = blocks.next();
                        from = 0;
                    } else {
                        return false;
                    }
                    to = Math.min(block.rows(), from + CHUNK);
                    next = from;
                    if (to > from) {
                        block.gather(null, from, to, ws.input(), ws.target(), ws.exampleIds(), null);
                        net.predict(params, ws, to - from);
                    }
                }
                return true;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++ - from;
                return writer.write(ws.target(), ws.output(), outputs * i);
            }
        };
    }

    /** Turns one packed row's targets and outputs (both at {@code offset}) into a result. */
    public interface BlockRowWriter<R> {
        R write(float[] targets, float[] outputs, int offset);
    }
}
