package io.ember.data;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The embedded MNIST subset under data/ (15,000 training and 2,000 test digits). */
public final class EmbeddedMnist {
    public static final String TRAIN = "data/mnist-train-images-idx3-ubyte.gz";
    public static final String TEST = "data/mnist-t10k-images-idx3-ubyte.gz";

    private EmbeddedMnist() {
    }

    public static Examples train(int rows) {
        return read(TRAIN, rows);
    }

    public static Examples test(int rows) {
        return read(TEST, rows);
    }

    private static Examples read(String images, int rows) {
        String[] files = IdxFormat.imagesAndLabels(images);
        try {
            return IdxFormat.read(files[0], files[1], 0, rows, new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LabelMapping digits() {
        return new LabelMapping(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
}
