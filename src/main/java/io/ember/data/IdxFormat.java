package io.ember.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * MNIST's IDX files (images: magic 0x00000803, labels: 0x00000801), plain or gzipped, read
 * through Hadoop's FileSystem API. Pixels are scaled to [0, 1].
 */
public final class IdxFormat {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxFormat() {
    }

    /** Header of an images file: count and per-image shape. */
    public record Header(int count, int rowsPerImage, int colsPerImage) {
        public int pixels() {
            return rowsPerImage * colsPerImage;
        }
    }

    /**
     * The labels file that goes with an images file: {@code IMAGES,LABELS} if both are given,
     * else the images name with {@code images-idx3} replaced by {@code labels-idx1}.
     */
    public static String[] imagesAndLabels(String spec) {
        int comma = spec.indexOf(',');
        if (comma >= 0) {
            return new String[] {spec.substring(0, comma).trim(), spec.substring(comma + 1).trim()};
        }
        if (!spec.contains("images-idx3")) {
            throw new IllegalArgumentException("IDX images file '" + spec + "': give the labels file as "
                    + "'IMAGES,LABELS' (names without 'images-idx3' cannot be paired automatically)");
        }
        return new String[] {spec, spec.replace("images-idx3", "labels-idx1")};
    }

    /** Reads the images header; errors name the file. */
    public static Header header(String images, Configuration conf) throws IOException {
        try (DataInputStream in = open(images, conf)) {
            return readImagesHeader(in, images);
        }
    }

    /** Receives images one by one; {@code pixels} is reused for the next image. */
    public interface ImageSink {
        void image(int index, double label, float[] pixels) throws IOException;
    }

    /** Reads images {@code [from, to)} and their labels. */
    public static Examples read(String images, String labels, int from, int to, Configuration conf) throws IOException {
        Header h = header(images, conf);
        int d = h.pixels();
        float[] x = new float[Math.max(0, to - from) * d];
        double[] y = new double[Math.max(0, to - from)];
        read(images, labels, from, to, conf, (i, label, pixels) -> {
            System.arraycopy(pixels, 0, x, i * d, d);
            y[i] = label;
        });
        return new Examples(d, x, y);
    }

    /** Streams images {@code [from, to)} and their labels to {@code sink}, index 0 being image {@code from}. */
    public static void read(String images, String labels, int from, int to, Configuration conf, ImageSink sink)
            throws IOException {
        try (DataInputStream img = open(images, conf); DataInputStream lab = open(labels, conf)) {
            Header h = readImagesHeader(img, images);
            int magic = lab.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(labels + ": not an IDX labels file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000801)");
            }
            int labelCount = lab.readInt();
            if (labelCount != h.count()) {
                throw new IOException(labels + " has " + labelCount + " labels but " + images + " has "
                        + h.count() + " images");
            }
            if (from < 0 || to > h.count() || from > to) {
                throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside " + images
                        + " with " + h.count() + " images");
            }
            int d = h.pixels();
            skipFully(img, (long) from * d, images);
            skipFully(lab, from, labels);
            int n = to - from;
            float[] pixels = new float[d];
            byte[] row = new byte[d];
            for (int i = 0; i < n; i++) {
                readFully(img, row, images, from + i);
                for (int j = 0; j < d; j++) {
                    pixels[j] = (row[j] & 0xFF) / 255f;
                }
                int label = lab.read();
                if (label < 0) {
                    throw new IOException(labels + ": truncated at label " + (from + i));
                }
                sink.image(i, label, pixels);
            }
        }
    }

    private static Header readImagesHeader(DataInputStream in, String file) throws IOException {
        try {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file + ": not an IDX images file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x00000803)");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0 || (long) rows * cols > 1 << 24) {
                throw new IOException(file + ": implausible IDX header (count " + count + ", shape " + rows + "x"
                        + cols + ")");
            }
            return new Header(count, rows, cols);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated IDX header");
        }
    }

    private static void readFully(DataInputStream in, byte[] row, String file, int index) throws IOException {
        try {
            in.readFully(row);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated at image " + index);
        }
    }

    private static void skipFully(InputStream in, long n, String file) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException(file + ": truncated");
                }
                s = 1;
            }
            left -= s;
        }
    }

    /** Opens a plain or gzipped file (detected by its magic bytes) through Hadoop's FileSystem API. */
    static DataInputStream open(String file, Configuration conf) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(conf);
        FSDataInputStream raw = fs.open(path);
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16)
                : buffered;
        return new DataInputStream(in);
    }
}
