package io.rehearsal.command.environment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The ids of every backup an environment has recorded, to refuse a second backup under an id already used.
 * Kept as a sorted array of 64-bit digests, which a snapshot stores as one short binary value: after 100,000
 * backups the environment still loads from its snapshot in about the time it takes after ten. Two different ids
 * share a digest with a chance near 10^-10 at 100,000 ids; such a backup would be refused as a duplicate,
 * never lost silently.
 */
final class BackupIds {

    private long[] digests;
    private int size;

    private BackupIds(long[] digests, int size) {
        this.digests = digests;
        this.size = size;
    }

    static BackupIds none() {
        return new BackupIds(new long[16], 0);
    }

    boolean contains(String backupId) {
        return Arrays.binarySearch(digests, 0, size, digest(backupId)) >= 0;
    }

    /** Adds an id in place: the aggregate's state changes only in its event-sourcing handlers, which call this. */
    void add(String backupId) {
        long digest = digest(backupId);
        int at = Arrays.binarySearch(digests, 0, size, digest);
        if (at >= 0) {
            return;
        }
        if (size == digests.length) {
            digests = Arrays.copyOf(digests, digests.length * 2);
        }
        int insert = -at - 1;
        System.arraycopy(digests, insert, digests, insert + 1, size - insert);
        digests[insert] = digest;
        size++;
    }

    int size() {
        return size;
    }

    @JsonValue
    byte[] bytes() {
        ByteBuffer buffer = ByteBuffer.allocate(size * Long.BYTES);
        buffer.asLongBuffer().put(digests, 0, size);
        return buffer.array();
    }

    @JsonCreator
    static BackupIds of(byte[] bytes) {
        int size = bytes.length / Long.BYTES;
        long[] digests = new long[Math.max(16, size + size / 4)];
        ByteBuffer.wrap(bytes).asLongBuffer().get(digests, 0, size);
        return new BackupIds(digests, size);
    }

    private static long digest(String backupId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(backupId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
