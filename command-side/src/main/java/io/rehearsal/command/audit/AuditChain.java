package io.rehearsal.command.audit;

import io.rehearsal.api.Actor;
import io.rehearsal.api.AuditHash;
import io.rehearsal.api.DrTestEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Chains each event of a test to the one before it as the event is recorded: the event store calls this for
 * every event it is about to append, with the actor already in the metadata (see {@link AuditHash}).
 */
public class AuditChain implements MessageDispatchInterceptor<EventMessage<?>> {

    private final EventStore eventStore;

    public AuditChain(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, String> lastInBatch = new HashMap<>(); // several events of one test may be appended together
        return (index, message) -> {
            if (!(message instanceof DomainEventMessage<?> event) || !(event.getPayload() instanceof DrTestEvent)) {
                return message;
            }
            String aggregateId = event.getAggregateIdentifier();
            String previous = lastInBatch.get(aggregateId);
            if (previous == null) {
                previous = event.getSequenceNumber() == 0 ? AuditHash.GENESIS
                        : storedHash(aggregateId, event.getSequenceNumber() - 1);
            }
            Object actor = event.getMetaData().get(Actor.METADATA_KEY);
            String hash = AuditHash.of(previous, aggregateId, event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), event.getPayload(), actor == null ? null : actor.toString());
            lastInBatch.put(aggregateId, hash);
            return event.andMetaData(Map.of(AuditHash.PREVIOUS_HASH, previous, AuditHash.HASH, hash));
        };
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
