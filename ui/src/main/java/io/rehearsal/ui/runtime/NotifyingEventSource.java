package io.rehearsal.ui.runtime;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * The embedded event store, as the event processors read it, plus the one thing its streams lack: telling a
 * reader that new events are there. Without it a pooled processor polls every 500 ms, and every hop of a
 * failover (saga, step executor, projections) waits for the next poll.
 *
 * <p>The store shares one reader among the processors that are caught up (Axon's optimized event consumption):
 * after each commit a single producer thread reads the new events into a cache they all read from, instead of
 * every processor querying the database itself. So readers are told once the events are in that cache, not at
 * the commit: a watcher tails the cache like a processor and wakes the readers whenever something arrived. Events
 * another instance appends to a shared file arrive the same way, at the producer's next fetch.
 */
class NotifyingEventSource extends EventStoreReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotifyingEventSource.class);

    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final Thread watcher;
    private volatile boolean closed;
    private boolean watching;

    NotifyingEventSource(EventStore eventStore) {
        super(eventStore);
        this.watcher = new Thread(this::watch, "event-store-watcher");
        this.watcher.setDaemon(true);
    }

    /** Tails the shared cache from its head, waking the readers after each arrival, until closed. */
    private void watch() {
        BlockingStream<TrackedEventMessage<?>> stream = null;
        while (!closed) {
            try {
                if (stream == null) {
                    stream = eventStore.openStream(eventStore.createHeadToken());
                }
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    while (stream.hasNextAvailable()) {
                        stream.nextAvailable();
                    }
                    callbacks.forEach(Runnable::run);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the store is unreadable for a moment (e.g. a shared file changing hands): start over from the head
                log.warn("Watching the event store failed, starting again: {}", e.getMessage());
                if (stream != null) {
                    stream.close();
                    stream = null;
                }
                callbacks.forEach(Runnable::run); // readers look for themselves meanwhile
                try {
                    TimeUnit.SECONDS.sleep(1); // back off before the next attempt, not a wait for an outcome
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (stream != null) {
            stream.close();
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        startWatching();
        return new NotifyingStream(super.openStream(trackingToken));
    }

    /** On the first reader: by then the schema exists, which it need not while the beans are being built. */
    private synchronized void startWatching() {
        if (!closed && !watching) {
            watching = true;
            watcher.start();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watcher.interrupt();
    }

    private final class NotifyingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        NotifyingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                callbacks.remove(current);
            }
            delegate.close();
        }
    }
}
