package io.ember.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * The one place that decides whether a command may write to a path. Ember never deletes or
 * replaces what it did not create: a missing path or an empty directory may be written; an
 * existing output of the same kind (a run folder, a model, a predictions directory, a file) only
 * with {@code --overwrite}; anything else never. An output may not be, contain or sit inside an
 * input of the same command, and a run folder, a model or a checkpoint is never the target of
 * another kind of output.
 */
public final class OutputGuard {
    /** Marker file of a predictions directory (leading underscore: Hadoop's readers skip it). */
    public static final String PREDICTIONS_MARKER = "_ember-predictions.json";

    /** What a path holds, as far as overwriting is concerned. */
    public enum Kind {
        MISSING("nothing"), EMPTY_DIRECTORY("an empty directory"), RUN_FOLDER("an Ember run folder"),
        MODEL("an Ember model"), PREDICTIONS("an Ember predictions directory"), CHECKPOINT("an Ember checkpoint"),
        FILE("a file"), OTHER_DIRECTORY("a directory that is not Ember's");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private OutputGuard() {
    }

    /** What {@code path} holds now. */
    public static Kind kindOf(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        return kindOf(p.getFileSystem(conf), p);
    }

    static Kind kindOf(FileSystem fs, Path p) throws IOException {
        if (!fs.exists(p)) {
            return Kind.MISSING;
        }
        if (fs.getFileStatus(p).isFile()) {
            return Kind.FILE;
        }
        Kind marked = markedKind(fs, p);
        if (marked != null) {
            return marked;
        }
        return fs.listStatus(p).length == 0 ? Kind.EMPTY_DIRECTORY : Kind.OTHER_DIRECTORY;
    }

    /** The Ember kind a directory's marker file declares, or null. */
    private static Kind markedKind(FileSystem fs, Path p) throws IOException {
        if (hasMarker(fs, new Path(p, RunFolder.RUN), RunFolder.FORMAT)) {
            return Kind.RUN_FOLDER;
        }
        if (hasMarker(fs, new Path(p, ModelFormat.JSON), ModelFormat.FORMAT)) {
            return Kind.MODEL;
        }
        if (hasMarker(fs, new Path(p, PREDICTIONS_MARKER), "ember-predictions")) {
            return Kind.PREDICTIONS;
        }
        if (hasMarker(fs, new Path(p, CheckpointStore.JSON), CheckpointStore.FORMAT)) {
            return Kind.CHECKPOINT;
        }
        // Run folders written before run.json existed: their configuration next to metrics or checkpoints.
        if (fs.exists(new Path(p, RunFolder.CONFIG)) && (fs.exists(new Path(p, RunFolder.METRICS))
                || fs.exists(new Path(p, RunFolder.CHECKPOINTS)))) {
            return Kind.RUN_FOLDER;
        }
        return null;
    }

    /** True when {@code file} exists and its first few KB name Ember's {@code format}. */
    private static boolean hasMarker(FileSystem fs, Path file, String format) throws IOException {
        if (!fs.exists(file) || !fs.getFileStatus(file).isFile()) {
            return false;
        }
        byte[] head = new byte[4096];
        int n = 0;
        try (FSDataInputStream in = fs.open(file)) {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
        }
        return new String(head, 0, n, StandardCharsets.UTF_8).contains("\"" + format + "\"");
    }

    /**
     * Checks that {@code option} may write {@code output} as an output of kind {@code wanted}.
     *
     * @param option    the option that named the path, for messages ({@code --predictions})
     * @param output    the path to write
     * @param wanted    the kind of output the command writes
     * @param overwrite whether the user gave {@code --overwrite}
     * @param inputs    every input of the command (data files, directories, globs, models)
     * @param conf      Hadoop configuration
     * @return what the path holds now (MISSING, EMPTY_DIRECTORY, or {@code wanted} when overwriting)
     * @throws UnsafeOutputException naming the path, what it holds and what to do
     * @throws IOException           when the file system cannot be asked
     */
    public static Kind check(String option, String output, Kind wanted, boolean overwrite, Collection<String> inputs,
                             Configuration conf) throws IOException {
        Path out = new Path(output);
        FileSystem fs = out.getFileSystem(conf);
        Path q = fs.makeQualified(out);
        for (String input : inputs) {
            for (Path in : inputPaths(input)) {
                Path qi = in.getFileSystem(conf).makeQualified(in);
                if (sameOrInside(q, qi) || sameOrInside(qi, q)) {
                    throw new UnsafeOutputException(option + " " + output + " overlaps the input " + input
                            + ": an output must not be, contain or sit inside an input of the same command; "
                            + "choose another " + option);
                }
            }
        }
        checkAncestors(option, output, fs, q);
        Kind kind = kindOf(fs, q);
        switch (kind) {
            case MISSING:
            case EMPTY_DIRECTORY:
                return kind;
            default:
                if (kind == wanted && overwrite) {
                    return kind;
                }
                if (kind == wanted) {
                    throw new UnsafeOutputException(option + " " + output + " already holds " + kind
                            + "; give --overwrite to replace it, or choose another " + option);
                }
                throw new UnsafeOutputException(option + " " + output + " already exists and holds " + kind
                        + ", not " + wanted + ": Ember never replaces what it did not write; choose another "
                        + option + (kind == Kind.FILE || kind == Kind.OTHER_DIRECTORY ? " or remove it yourself" : ""));
        }
    }

    /**
     * Refuses an output inside a model, a checkpoint or a predictions directory, or in place of one of a
     * run folder's own files (its model, checkpoints, metrics ...).
     */
    private static void checkAncestors(String option, String output, FileSystem fs, Path q) throws IOException {
        Path child = q;
        for (Path a = q.getParent(); a != null; child = a, a = a.getParent()) {
            if (!fs.exists(a) || !fs.getFileStatus(a).isDirectory()) {
                continue;
            }
            Kind around = markedKind(fs, a);
            if (around == Kind.MODEL || around == Kind.CHECKPOINT || around == Kind.PREDICTIONS
                    || (around == Kind.RUN_FOLDER && RunFolder.OWN_FILES.contains(child.getName()))) {
                throw new UnsafeOutputException(option + " " + output + " is inside " + around + " (" + a
                        + "), which only Ember's own writes may change; choose another " + option);
            }
        }
    }

    /** The paths an input option names: IDX pairs are comma separated; a glob counts from its fixed prefix. */
    static List<Path> inputPaths(String input) {
        List<Path> out = new java.util.ArrayList<>();
        for (String part : input.split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            int glob = indexOfGlob(s);
            if (glob >= 0) {
                int slash = s.lastIndexOf('/', glob);
                s = slash <= 0 ? "." : s.substring(0, slash);
            }
            out.add(new Path(s));
        }
        return out;
    }

    private static int indexOfGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("*?[{".indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** True when qualified path {@code a} is {@code b} or lies inside it. */
    static boolean sameOrInside(Path a, Path b) {
        java.net.URI ua = a.toUri();
        java.net.URI ub = b.toUri();
        if (!java.util.Objects.equals(ua.getScheme(), ub.getScheme())
                || !java.util.Objects.equals(ua.getAuthority(), ub.getAuthority())) {
            return false;
        }
        String pa = ua.getPath();
        String pb = ub.getPath();
        return pa.equals(pb) || pa.startsWith(pb.endsWith("/") ? pb : pb + "/");
    }

    /** A refused output: the message names the path, what it holds and what to do. */
    public static final class UnsafeOutputException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UnsafeOutputException(String message) {
            super(message);
        }
    }
}
