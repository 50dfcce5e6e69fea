package io.rehearsal.command.environment;

import io.rehearsal.api.EnvironmentId;
import io.rehearsal.command.drtest.PreconditionCatalog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Environments' event streams in an in-memory event store, and the reservations that load them through a
 * real event-sourcing repository, as a DrTest does in production.
 */
public final class EnvironmentStore {

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final Clock clock;
    private final EventSourcingRepository<EnvironmentAggregate> repository;

    public EnvironmentStore(Clock clock) {
        this.clock = clock;
        this.repository = EventSourcingRepository.builder(EnvironmentAggregate.class)
                .eventStore(eventStore)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        new SimpleResourceParameterResolverFactory(List.of(clock)), // the aggregate's handlers take one
                        ClasspathParameterResolverFactory.forClass(EnvironmentAggregate.class)))
                .build();
    }

    /** Appends events to the environment's stream, numbered after what it already holds. */
    public void append(EnvironmentId environmentId, Object... payloads) {
        long sequence = events(environmentId).size();
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(new GenericDomainEventMessage<>("Environment", environmentId.value(), sequence++, payload));
        }
        eventStore.publish(messages);
    }

    public List<Object> events(EnvironmentId environmentId) {
        return eventStore.readEvents(environmentId.value()).asStream().<Object>map(Message::getPayload).toList();
    }

    public EnvironmentReservations reservations() {
        return new EnvironmentReservations(repository, PreconditionCatalog.defaults(), clock);
    }
}
