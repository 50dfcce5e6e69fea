package io.rehearsal.ui.admin;

import io.rehearsal.query.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The events the projections set aside because a handler failed on them, and their retry. Each test's events form
 * one sequence: behind a dead letter, the rest of its test waits in the queue, in order.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** One event set aside: where it waits, what it is, and why. */
    record DeadLetterView(String processingGroup, String sequence, int position, String eventType, String eventId,
                  Long eventSequenceNumber, Instant enqueuedAt, Instant lastTouched, String reason) {
    }

    record DeadLetterList(List<DeadLetterView> deadLetters) {
    }

    /** What a retry came to: sequences handled to their end, sequences still failing, letters left. */
    record DeadLetterRetry(String processingGroup, int sequencesCleared, int sequencesStillFailing, long remaining) {
    }

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    DeadLetterList list() {
        List<DeadLetterView> letters = new ArrayList<>();
        for (String group : Projections.PROCESSING_GROUPS) {
            queue(group).ifPresent(queue -> {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    int position = 0;
                    String sequenceId = null;
                    for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                        EventMessage<?> event = letter.message();
                        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
                        if (sequenceId == null) {
                            sequenceId = domain != null ? domain.getAggregateIdentifier() : event.getIdentifier();
                        }
                        letters.add(new DeadLetterView(group, sequenceId, position++, event.getPayloadType().getSimpleName(),
                                event.getIdentifier(), domain == null ? null : domain.getSequenceNumber(),
                                letter.enqueuedAt(), letter.lastTouched(),
                                letter.cause().map(c -> c.message()).orElse("waits behind an earlier event of its sequence")));
                    }
                }
            });
        }
        return new DeadLetterList(letters);
    }

    /** Hands each dead sequence of the group to its handlers again, first letter first; null if no such group. */
    DeadLetterRetry retry(String group) {
        if (!Projections.PROCESSING_GROUPS.contains(group)) {
            return null;
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group).orElse(null);
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(group).orElse(null);
        if (queue == null || processor == null) {
            return new DeadLetterRetry(group, 0, 0, 0);
        }
        List<String> firstOfEach = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
            if (letters.hasNext()) {
                firstOfEach.add(letters.next().message().getIdentifier());
            }
        }
        int cleared = 0;
        for (String first : firstOfEach) {
            if (processor.process(letter -> letter.message().getIdentifier().equals(first))) {
                cleared++;
            }
        }
        long remaining = queue.size();
        log.info("DeadLetterRetry {} dead sequence(s) of {}: {} cleared, {} dead letter(s) remain", firstOfEach.size(), group,
                cleared, remaining);
        return new DeadLetterRetry(group, cleared, firstOfEach.size() - cleared, remaining);
    }

    /** Every projection's dead letters dropped: a rebuild replays their events anyway. */
    void clear() {
        Projections.PROCESSING_GROUPS.forEach(group -> queue(group).ifPresent(SequencedDeadLetterQueue::clear));
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return processing.deadLetterQueue(group);
    }
}
