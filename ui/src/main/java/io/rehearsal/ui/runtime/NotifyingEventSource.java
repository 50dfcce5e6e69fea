package io.rehearsal.ui.runtime;

import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;

/**
 * The embedded event store, as the event processors read it, plus the one thing its streams lack: telling a
 * reader that new events were committed. Without it a pooled processor polls every 500 ms, and every hop of a
 * failover (saga, step executor, projections) waits for the next poll.
 */
class NotifyingEventSource extends EventStoreReader implements AutoCloseable {

    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final Registration subscription;

    NotifyingEventSource(EventStore eventStore) {
        super(eventStore);
        this.subscription = eventStore.subscribe(events -> {
            if (CurrentUnitOfWork.isStarted()) {
                // readers must see the events, so tell them once the transaction is committed
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> notifyReaders());
            } else {
                notifyReaders();
            }
        });
    }

    private void notifyReaders() {
        callbacks.forEach(Runnable::run);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new NotifyingStream(super.openStream(trackingToken));
    }

    @Override
    public void close() {
        subscription.cancel();
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
