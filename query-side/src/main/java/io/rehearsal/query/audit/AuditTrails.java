package io.rehearsal.query.audit;

import io.rehearsal.api.Actor;
import io.rehearsal.api.AuditEntry;
import io.rehearsal.api.AuditHash;
import io.rehearsal.api.AuditTrail;
import io.rehearsal.api.AuditVerification;
import io.rehearsal.api.FindAuditTrailQuery;
import io.rehearsal.api.VerifyAuditTrailQuery;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A test's audit trail, read from the event store itself rather than from a projection: what compliance replays
 * and verifies is the record, not a copy of it.
 */
@Component
class AuditTrails {

    private final EventStore eventStore;

    AuditTrails(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    AuditTrail handle(FindAuditTrailQuery query) {
        List<AuditEntry> entries = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(query.testId().value());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            entries.add(new AuditEntry(event.getAggregateIdentifier(), event.getSequenceNumber(),
                    event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), text(event.getMetaData().get(Actor.METADATA_KEY)), event.getPayload(),
                    text(event.getMetaData().get(AuditHash.HASH)), text(event.getMetaData().get(AuditHash.PREVIOUS_HASH))));
        }
        return entries.isEmpty() ? null : new AuditTrail(query.testId(), entries);
    }

    /** Recomputes every hash from the stored events and checks each link to the event before. */
    @QueryHandler
    AuditVerification handle(VerifyAuditTrailQuery query) {
        DomainEventStream stream = eventStore.readEvents(query.testId().value());
        String expectedPrevious = AuditHash.GENESIS;
        int count = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            count++;
            String type = event.getPayloadType().getSimpleName();
            String stored = text(event.getMetaData().get(AuditHash.HASH));
            String previous = text(event.getMetaData().get(AuditHash.PREVIOUS_HASH));
            if (stored == null || previous == null) {
                return broken(query, count, event, type, "the event carries no hash");
            }
            if (!previous.equals(expectedPrevious)) {
                return broken(query, count, event, type, "its previousHash " + previous
                        + " is not the hash of the event before it (" + expectedPrevious + "): an event before it was"
                        + " removed, added or altered");
            }
            String recomputed = AuditHash.of(previous, event.getAggregateIdentifier(), event.getSequenceNumber(),
                    type, event.getTimestamp(), event.getPayload(),
                    text(event.getMetaData().get(Actor.METADATA_KEY)));
            if (!recomputed.equals(stored)) {
                return broken(query, count, event, type, "its content does not match its hash (stored " + stored
                        + ", recomputed " + recomputed + "): the event was altered after it was recorded");
            }
            expectedPrevious = stored;
        }
        return count == 0 ? null : new AuditVerification(query.testId(), true, count, null, null, null);
    }

    private static AuditVerification broken(VerifyAuditTrailQuery query, int count, DomainEventMessage<?> event,
                                             String type, String reason) {
        return new AuditVerification(query.testId(), false, count, event.getSequenceNumber(), type,
                "The chain breaks at event " + event.getSequenceNumber() + " (" + type + "): " + reason + ".");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
