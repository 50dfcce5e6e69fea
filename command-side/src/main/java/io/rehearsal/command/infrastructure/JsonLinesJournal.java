package io.rehearsal.command.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * An append-only file of JSON lines, each forced to disk before {@link #append} returns: what a provider
 * remembers of the actions it executed. A last line torn by a crash was never acknowledged, so on opening it is
 * cut off and the next entry starts on a line of its own.
 */
public final class JsonLinesJournal<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JsonLinesJournal.class);

    private final Path file;
    private final ObjectMapper json;
    private final FileChannel channel;

    /** Opens (or creates) the journal, handing every entry already in it to {@code replay}, in order. */
    public JsonLinesJournal(Path file, Class<T> type, ObjectMapper json, Consumer<T> replay) {
        this.file = file;
        this.json = json;
        try {
            Files.createDirectories(file.getParent());
            replay(type, replay);
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    public synchronized void append(T entry) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap((json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    private void replay(Class<T> type, Consumer<T> replay) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length) {
                log.warn("Dropping a torn last line of the journal {}", file);
                try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    truncate.truncate(start);
                    truncate.force(true);
                }
                return;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                replay.accept(json.readValue(line, type));
            }
            start = end + 1;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
