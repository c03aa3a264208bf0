package io.ember.onnx;

import io.ember.io.FileIO;
import io.ember.io.OutputGuard;
import io.ember.io.WriteException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.Collection;

/**
 * Publishes an export as one file through Hadoop's FileSystem API (local, HDFS, S3A), never seen
 * half-written (temporary sibling, then rename), where {@link OutputGuard} allows a file to be
 * written: an existing file only with overwrite; never a directory, an input, or a path inside a
 * model, a checkpoint or in place of a run folder's own files.
 */
public final class OnnxFile {
    private OnnxFile() {
    }

    /**
     * Writes {@code export} to {@code path}.
     *
     * @param export    the model to write
     * @param path      the file: a local path, file://, hdfs:// ...
     * @param overwrite whether an existing file there is replaced
     * @param option    how the caller named the path, for messages ({@code --output})
     * @param inputs    the inputs of the command (the model directory), which the output may not touch
     * @throws OutputGuard.UnsafeOutputException when the path may not be written, naming it and why
     * @throws IOException naming the path when it cannot be written; nothing is left behind
     */
    public static void write(OnnxExport export, String path, boolean overwrite, String option,
                             Collection<String> inputs) throws IOException {
        Configuration conf = new Configuration();
        OutputGuard.check(option, path, OutputGuard.Kind.FILE, overwrite, inputs, conf);
        Path target = new Path(path);
        byte[] bytes = export.toBytes();
        try {
            FileIO.writeFileAtomically(FileIO.fileSystem(target, conf), target, bytes);
        } catch (WriteException e) {
            throw e; // a full disk: a failed run, not bad input
        } catch (IOException e) {
            throw new IOException("cannot write " + path + ": " + FileIO.reason(e), e);
        }
    }
}
