package io.rehearsal.command.infrastructure.script;

import io.rehearsal.command.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Held while one attempt of one step runs: a file lock, which the operating system releases when its process
 * dies, and a lock within this JVM, since file locks belong to the whole process.
 */
final class ExecutionLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ExecutionLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static ExecutionLock acquire(Path directory, String key) {
        Path file = directory.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock").toAbsolutePath().normalize();
        ReentrantLock local = LOCAL.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            OwnerOnly.directory(directory);
            FileChannel channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    OwnerOnly.newFile(file));
            return new ExecutionLock(local, channel, channel.lock());
        } catch (IOException e) {
            local.unlock();
            throw new UncheckedIOException("cannot lock the execution " + key, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            local.unlock();
        }
    }
}
