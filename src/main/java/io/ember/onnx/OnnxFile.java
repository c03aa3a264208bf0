package io.ember.onnx;

import io.ember.io.FileIO;
import io.ember.io.ModelFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * Publishes an export as one file through Hadoop's FileSystem API (local, HDFS, S3A), never seen
 * half-written (temporary sibling, then rename). Never replaces a directory (a model directory,
 * a run folder) and never writes into an Ember model directory, whose next save would delete it.
 */
public final class OnnxFile {
    private OnnxFile() {
    }

    /**
     * Writes {@code export} to {@code path}.
     *
     * @param export  the model to write
     * @param path    the file: a local path, file://, hdfs:// ...
     * @param replace whether an existing file there is replaced (else
     *                {@link org.apache.hadoop.fs.FileAlreadyExistsException})
     * @throws IOException naming the path when it cannot or may not be written; nothing is left behind
     */
    public static void write(OnnxExport export, String path, boolean replace) throws IOException {
        Configuration conf = new Configuration();
        Path target = new Path(path);
        FileSystem fs = FileIO.fileSystem(target, conf);
        if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
            throw new IOException(path + " is a directory (a model directory or a run folder is never replaced by an "
                    + "export); give a file name, e.g. " + new Path(target, "model.onnx"));
        }
        Path parent = target.getParent();
        if (parent != null && fs.exists(new Path(parent, ModelFormat.JSON))) {
            throw new IOException(path + " is inside the model directory " + parent + ", which Ember writes and "
                    + "replaces whole; write the export next to it");
        }
        try {
            FileIO.publishFile(path, conf, replace, export::writeTo);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            if (fs.exists(target)) {
                throw e; // the target itself: the caller decides how to say so
            }
            throw new IOException("cannot write " + path + ": " + oneLine(e), e); // e.g. a parent that is a file
        } catch (IOException e) {
            throw new IOException("cannot write " + path + ": " + oneLine(e), e);
        }
    }

    private static String oneLine(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
