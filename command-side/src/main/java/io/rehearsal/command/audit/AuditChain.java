package io.rehearsal.command.audit;

import io.rehearsal.api.Actor;
import io.rehearsal.api.AuditHash;
import io.rehearsal.api.DrTestEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Chains each event of a test to the one before it as the event is recorded: the event store calls this for
 * every event it is about to append, with the actor already in the metadata (see {@link AuditHash}).
 */
public class AuditChain implements MessageDispatchInterceptor<EventMessage<?>> {

    /** The last link of a test's chain: the hash of its event at {@code sequence}. */
    private record Link(long sequence, String hash) {
    }

    private static final int REMEMBERED_TESTS = 10_000;

    private final EventStore eventStore;
    /**
     * The last committed link of recently active tests, so appending an event need not read the one before it
     * back from the store. Used only when its sequence is exactly the one before: anything else (another
     * instance appended meanwhile, a test not seen lately) reads the store.
     */
    private final Map<String, Link> committed = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
                    return size() > REMEMBERED_TESTS;
                }
            });

    public AuditChain(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Link> lastInBatch = new HashMap<>(); // several events of one test may be appended together
        return (index, message) -> {
            if (!(message instanceof DomainEventMessage<?> event) || !(event.getPayload() instanceof DrTestEvent)) {
                return message;
            }
            String aggregateId = event.getAggregateIdentifier();
            long sequence = event.getSequenceNumber();
            String previous = previousHash(aggregateId, sequence, lastInBatch);
            Object actor = event.getMetaData().get(Actor.METADATA_KEY);
            String hash = AuditHash.of(previous, aggregateId, sequence, event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), event.getPayload(), actor == null ? null : actor.toString());
            if (lastInBatch.isEmpty()) {
                rememberOnCommit(lastInBatch);
            }
            lastInBatch.put(aggregateId, new Link(sequence, hash));
            return event.andMetaData(Map.of(AuditHash.PREVIOUS_HASH, previous, AuditHash.HASH, hash));
        };
    }

    private String previousHash(String aggregateId, long sequence, Map<String, Link> lastInBatch) {
        if (sequence == 0) {
            return AuditHash.GENESIS;
        }
        Link last = lastInBatch.containsKey(aggregateId) ? lastInBatch.get(aggregateId) : committed.get(aggregateId);
        return last != null && last.sequence() == sequence - 1 ? last.hash() : storedHash(aggregateId, sequence - 1);
    }

    /** The batch's links count once its events are stored; a rolled-back batch leaves nothing behind. */
    private void rememberOnCommit(Map<String, Link> lastInBatch) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> committed.putAll(lastInBatch));
        } else {
            committed.putAll(lastInBatch); // published outside a unit of work: stored already
        }
    }

    private String storedHash(String aggregateId, long sequence) {
        DomainEventStream stream = eventStore.readEvents(aggregateId, sequence);
        if (stream.hasNext()) {
            Object hash = stream.next().getMetaData().get(AuditHash.HASH);
            if (hash != null) {
                return hash.toString();
            }
        }
        return AuditHash.GENESIS; // recorded before the chain existed: the chain starts over here
    }
}
