package io.ember;

import io.ember.eval.Predictor;

import java.util.Iterator;

/**
 * Scores many rows in one thread through a model's network, its feature scaling included, a chunk
 * of up to {@link #capacity()} rows at a time, reusing its buffers: the path every scoring in Ember
 * takes. One per thread; get one from {@link EmberModel#newPredictor()}.
 */
public final class BatchPredictor {
    private final Predictor predictor;

    BatchPredictor(Predictor predictor) {
        this.predictor = predictor;
    }

    /**
     * Rows one call to {@link #predict(int)} takes at most.
     *
     * @return the capacity
     */
    public int capacity() {
        return predictor.capacity();
    }

    /**
     * Output values per row: class probabilities for a classifier of 3+ classes or a softmax output,
     * one value for a single sigmoid or tanh unit or a regression.
     *
     * @return the output width
     */
    public int outputs() {
        return predictor.outputs();
    }

    /**
     * The input buffer: fill {@code rows x inputSize} raw (unscaled) features row-major, then call
     * {@link #predict(int)}.
     *
     * @return the buffer (not a copy)
     */
    public float[] input() {
        return predictor.input();
    }

    /**
     * Scales the first {@code rows} inputs (in place) and runs the network.
     *
     * @param rows rows filled in {@link #input()}, at most {@link #capacity()}
     * @return the outputs buffer, {@code rows x outputs()} row-major, reused by the next call
     */
    public float[] predict(int rows) {
        return predictor.predict(rows);
    }

    /**
     * Puts one source row's raw features into the input buffer.
     *
     * @param <T> the source row's type
     */
    public interface RowReader<T> {
        /**
         * Writes {@code row}'s features at {@code input[offset ..]} (the buffer holds zeros there).
         *
         * @param row    the source row
         * @param input  the input buffer
         * @param offset where the row's features start
         */
        void read(T row, float[] input, int offset);
    }

    /**
     * Turns a source row and its outputs into a result.
     *
     * @param <T> the source row's type
     * @param <R> the result's type
     */
    public interface RowWriter<T, R> {
        /**
         * The result for {@code row}, whose outputs are {@code outputs[offset .. offset + outputs())}.
         *
         * @param row     the source row
         * @param outputs the outputs buffer
         * @param offset  where the row's outputs start
         * @return the result
         */
        R write(T row, float[] outputs, int offset);
    }

    /**
     * Scores {@code rows} lazily, a chunk at a time: the returned iterator reads at most
     * {@link #capacity()} rows ahead, so a partition of any size streams through.
     *
     * @param rows   the source rows
     * @param reader puts a row's features into the input buffer
     * @param writer turns a row and its outputs into a result
     * @param <T>    the source row's type
     * @param <R>    the result's type
     * @return the results, in the order of the rows
     */
    public <T, R> Iterator<R> stream(Iterator<T> rows, RowReader<T> reader, RowWriter<T, R> writer) {
        return predictor.stream(rows, reader::read, writer::write);
    }
}
