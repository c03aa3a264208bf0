package io.ember.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * File primitives on Hadoop's FileSystem API (local paths, file://, hdfs://): atomic directory
 * publication, little-endian float32 arrays with SHA-256, and size-bounded reads.
 */
public final class FileIO {
    private FileIO() {
    }

    /**
     * The file system of {@code path}. On the local file system Hadoop's .crc side files are not
     * written: Ember's files carry their own SHA-256 where it matters.
     */
    public static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if (fs instanceof org.apache.hadoop.fs.LocalFileSystem) {
            fs.setWriteChecksum(false);
            fs.setVerifyChecksum(false);
        }
        return fs;
    }

    /** Writes the directory's files, each given by a writer. */
    public interface DirectoryWriter {
        void write(FileSystem fs, Path dir) throws IOException;
    }

    /**
     * Writes a directory at {@code dest} that is never seen half-written: the writer fills a
     * temporary sibling (which it must create) that is then renamed into place; an existing
     * {@code dest} is moved aside first and deleted only once the new one is in place, and nothing
     * is left behind on failure. Callers decide beforehand ({@link OutputGuard}) whether an existing
     * {@code dest} may be replaced.
     */
    public static void publishDirectory(String dest, Configuration conf, DirectoryWriter writer) throws IOException {
        Path target = new Path(dest);
        FileSystem fs = fileSystem(target, conf);
        restoreMovedAside(fs, target);
        Path tmp = new Path(target.getParent(), "." + target.getName() + TMP + UUID.randomUUID());
        try {
            writing(target, () -> writer.write(fs, tmp));
            Path old = null;
            if (fs.exists(target)) {
                old = new Path(target.getParent(), "." + target.getName() + OLD + UUID.randomUUID());
                if (!fs.rename(target, old)) {
                    throw new IOException("cannot move the previous " + target + " aside");
                }
            }
            if (!fs.rename(tmp, target)) {
                if (old != null) {
                    fs.rename(old, target);
                }
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
            if (old != null) {
                fs.delete(old, true);
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
        }
    }

    /** Infix of the temporary sibling a write fills before renaming it into place. */
    static final String TMP = ".tmp-";
    /** Infix of the previous version moved aside while its replacement is renamed into place. */
    static final String OLD = ".old-";

    /**
     * A process killed between moving {@code target} aside and renaming its replacement into place
     * leaves only the moved-aside copy: put it back.
     */
    static void restoreMovedAside(FileSystem fs, Path target) throws IOException {
        Path parent = target.getParent();
        if (parent == null || fs.exists(target) || !fs.exists(parent)) {
            return;
        }
        for (FileStatus s : fs.listStatus(parent)) {
            if (s.getPath().getName().startsWith("." + target.getName() + OLD)) {
                fs.rename(s.getPath(), target);
                return;
            }
        }
    }

    /**
     * In a directory this process owns (a locked run folder): deletes the temporary siblings of
     * killed writes and restores, or else deletes, previous versions moved aside.
     */
    static void cleanTemporaries(FileSystem fs, Path dir) throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (!name.startsWith(".")) {
                continue;
            }
            int old = name.indexOf(OLD);
            if (old > 1) {
                Path original = new Path(dir, name.substring(1, old));
                if (!fs.exists(original)) {
                    fs.rename(s.getPath(), original);
                } else {
                    fs.delete(s.getPath(), true);
                }
            } else if (name.indexOf(TMP) > 1) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    /** Writes a whole file under a temporary name and renames it into place (replacing an existing file). */
    public static void writeFileAtomically(FileSystem fs, Path target, byte[] data) throws IOException {
        Path tmp = new Path(target.getParent(), "." + target.getName() + TMP + UUID.randomUUID());
        try {
            writing(target, () -> {
                try (FSDataOutputStream out = fs.create(tmp, true)) {
                    out.write(data);
                }
            });
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    /** A write to the file system. */
    public interface Write {
        void run() throws IOException;
    }

    /**
     * Runs {@code write}; a full disk or another local I/O fault (Hadoop's FSError, an Error) becomes
     * a {@link WriteException} that names {@code path}.
     */
    public static void writing(Path path, Write write) throws IOException {
        try {
            write.run();
        } catch (org.apache.hadoop.fs.FSError e) {
            throw new WriteException("cannot write " + path + ": " + reason(e), e);
        }
    }

    /** The innermost message of a failure, for one-line errors ("No space left on device"). */
    public static String reason(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }

    /** Writes {@code values} as little-endian float32 to {@code file}; returns the SHA-256 of the bytes (hex). */
    public static String writeFloats(FileSystem fs, Path file, float[] values) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        try (FSDataOutputStream out = fs.create(file, false)) {
            for (int i = 0; i < values.length; ) {
                buf.clear();
                int n = Math.min(values.length - i, buf.capacity() / 4);
                buf.asFloatBuffer().put(values, i, n);
                sha.update(buf.array(), 0, 4 * n);
                out.write(buf.array(), 0, 4 * n);
                i += n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Reads exactly {@code count} little-endian floats from {@code file}, checking the file's size
     * before allocating and, when {@code expectedSha} is not null, its SHA-256.
     */
    public static float[] readFloats(FileSystem fs, Path file, int count, String expectedSha) throws IOException {
        long length = fs.getFileStatus(file).getLen();
        if (length != 4L * count) {
            throw new IOException(file + " has " + length + " bytes, expected " + 4L * count + " (" + count
                    + " float32 values): truncated or not this model's parameters");
        }
        float[] values = new float[count];
        MessageDigest sha = sha256();
        byte[] chunk = new byte[1 << 16];
        try (FSDataInputStream in = fs.open(file)) {
            for (int i = 0; i < count; ) {
                int n = Math.min(count - i, chunk.length / 4);
                try {
                    in.readFully(chunk, 0, 4 * n);
                } catch (EOFException e) {
                    throw new IOException(file + ": truncated after " + 4L * i + " bytes");
                }
                sha.update(chunk, 0, 4 * n);
                ByteBuffer.wrap(chunk, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, i, n);
                i += n;
            }
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (expectedSha != null && !expectedSha.equals(actual)) {
            throw new IOException(file + ": SHA-256 " + actual + " does not match the recorded " + expectedSha
                    + " (the file is corrupted or belongs to another model)");
        }
        return values;
    }

    /** The whole of a small file, refusing files larger than {@code maxBytes} before reading. */
    public static byte[] readSmallFile(FileSystem fs, Path file, long maxBytes) throws IOException {
        long length = fs.getFileStatus(file).getLen();
        if (length > maxBytes) {
            throw new IOException(file + " is " + length + " bytes, more than the " + maxBytes + " allowed");
        }
        byte[] data = new byte[(int) length];
        try (FSDataInputStream in = fs.open(file)) {
            in.readFully(data);
        }
        return data;
    }

    /** Writes {@code data} to a new file. */
    public static void writeBytes(FileSystem fs, Path file, byte[] data) throws IOException {
        try (FSDataOutputStream out = fs.create(file, false)) {
            out.write(data);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
