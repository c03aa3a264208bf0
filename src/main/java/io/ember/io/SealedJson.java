package io.ember.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * JSON files that carry their own SHA-256 ({@code model.json}, {@code checkpoint.json}): the last
 * field, {@code integrity_sha256}, is the hash of the file's bytes with that field's value written
 * as 64 zeros. Any edit of the file (a changed activation, label or offset) fails the check on
 * load, the way a changed {@code params.bin} fails its recorded hash.
 */
final class SealedJson {
    static final String FIELD = "integrity_sha256";
    private static final String ZEROS = "0".repeat(64);
    private static final byte[] MARK = ("\"" + FIELD + "\" : \"").getBytes(StandardCharsets.UTF_8);

    private SealedJson() {
    }

    /** Serializes {@code root} (indented) with its integrity field as the last field. */
    static byte[] seal(ObjectNode root) throws IOException {
        root.remove(FIELD);
        root.put(FIELD, ZEROS);
        byte[] bytes = ModelFormat.JSON_MAPPER.writeValueAsBytes(root);
        int at = valueStart(bytes);
        if (at < 0) {
            throw new IllegalStateException("sealed JSON lost its integrity field");
        }
        byte[] hex = sha256(bytes).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, bytes, at, hex.length);
        return bytes;
    }

    /**
     * Checks a sealed file's bytes.
     *
     * @param file     the file, for messages
     * @param bytes    its content
     * @param required whether the file's format version must carry the field
     * @throws IOException when the field is missing (if required) or the hash does not match
     */
    static void verify(Object file, byte[] bytes, boolean required) throws IOException {
        int at = valueStart(bytes);
        if (at < 0) {
            if (required) {
                throw new IOException(file + ": no " + FIELD + " field; the file was not written by Ember or was "
                        + "reformatted");
            }
            return;
        }
        if (at + 64 > bytes.length) {
            throw new IOException(file + ": truncated " + FIELD);
        }
        String recorded = new String(bytes, at, 64, StandardCharsets.US_ASCII);
        byte[] copy = bytes.clone();
        System.arraycopy(ZEROS.getBytes(StandardCharsets.US_ASCII), 0, copy, at, 64);
        String actual = sha256(copy);
        if (!actual.equals(recorded)) {
            throw new IOException(file + ": its content does not match its " + FIELD + " (the file was edited or "
                    + "corrupted after Ember wrote it)");
        }
    }

    /** Offset of the integrity value's first hex digit (last occurrence of the field), or -1. */
    private static int valueStart(byte[] bytes) {
        outer:
        for (int i = bytes.length - MARK.length; i >= 0; i--) {
            for (int j = 0; j < MARK.length; j++) {
                if (bytes[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return i + MARK.length;
        }
        return -1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
