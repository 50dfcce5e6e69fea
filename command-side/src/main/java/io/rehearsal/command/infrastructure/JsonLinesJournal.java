package io.rehearsal.command.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.command.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An append-only file of JSON lines, each forced to disk before {@link #append} returns: what a provider
 * remembers of the actions it executed. A last line torn by a crash was never acknowledged, so it is cut off and
 * the next entry starts on a line of its own.
 * <p>
 * Several instances of Rehearsal may share one journal (real infrastructure is shared too): {@link #exclusively}
 * holds the file's lock, across processes and within this one, and first reads what the others appended.
 */
public final class JsonLinesJournal<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JsonLinesJournal.class);

    /** File locks belong to the process: two journals on one file in this JVM also share a lock here. */
    private static final Map<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Class<T> type;
    private final ObjectMapper json;
    private final Consumer<T> replay;
    private final FileChannel channel;
    private final ReentrantLock localLock;
    private long readUpTo;

    /** Opens (or creates) the journal, handing every entry already in it to {@code replay}, in order. */
    public JsonLinesJournal(Path file, Class<T> type, ObjectMapper json, Consumer<T> replay) {
        this.file = file;
        this.type = type;
        this.json = json;
        this.replay = replay;
        try {
            OwnerOnly.directory(file.getParent());
            this.localLock = LOCAL_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
            this.channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), OwnerOnly.newFile(file));
            OwnerOnly.restrict(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
        exclusively(() -> null);
    }

    /**
     * Runs {@code action} holding the journal's lock, after reading the entries other instances appended since
     * this one last looked (each handed to the replay consumer).
     */
    public <R> R exclusively(Supplier<R> action) {
        localLock.lock();
        try (FileLock ignored = channel.lock()) {
            catchUp();
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the journal " + file, e);
        } finally {
            localLock.unlock();
        }
    }

    /** Appends an entry; call it inside {@link #exclusively}. */
    public void append(T entry) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap((json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            long position = channel.size();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
            readUpTo = position;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    private void catchUp() throws IOException {
        long size = channel.size();
        if (size == readUpTo) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (size - readUpTo));
        while (bytes.hasRemaining() && channel.read(bytes, readUpTo + bytes.position()) >= 0) {
            // read it all
        }
        byte[] data = bytes.array();
        int start = 0;
        while (start < data.length) {
            int end = start;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            if (end == data.length) {
                // a line torn by a crash was never acknowledged: cut it off
                log.warn("Dropping a torn last line of the journal {}", file);
                channel.truncate(readUpTo + start);
                channel.force(true);
                break;
            }
            String line = new String(data, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                replay.accept(json.readValue(line, type));
            }
            start = end + 1;
        }
        readUpTo += start;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
