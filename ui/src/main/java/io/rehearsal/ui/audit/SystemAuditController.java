package io.rehearsal.ui.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.rehearsal.api.Actor;
import io.rehearsal.api.AuditHash;
import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestSummary;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FindDrTestHistoryQuery;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Params;
import io.rehearsal.ui.web.Problems;
import io.rehearsal.ui.web.Queries;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The system-wide audit trail for AUDITOR and ADMIN: every recorded event in [from, to), in the order of the
 * event store, optionally only those of one environment and its tests; paged as JSON, or streamed whole as JSON
 * lines for large ranges.
 */
@RestController
class SystemAuditController {

    static final int MAX_PAGE_SIZE = 1000;

    record Entry(long position, String aggregateId, long sequence, String type, Instant timestamp, String actor,
                 Object payload, String hash) {
    }

    record Page(List<Entry> items, int page, int size) {
    }

    private final EventStore eventStore;
    private final Queries queries;
    private final Clock clock;

    SystemAuditController(EventStore eventStore, Queries queries, Clock clock) {
        this.eventStore = eventStore;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(operationId = "systemAudit")
    @ApiResponse(responseCode = "200", description = "A page of events as JSON; ask for application/x-ndjson to "
            + "stream the whole range instead, one event per line (page and size do not apply then).",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Page.class)),
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = Entry.class,
                            description = "One event per line."))})
    @ApiResponse(responseCode = "404", description = "environmentId is not the id of an environment.")
    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page> page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String environmentId,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.badRequest("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE + ".");
        }
        return entries(from, to, environmentId).skip((long) page * size).take(size).collectList()
                .map(items -> new Page(items, page, size));
    }

    @Operation(operationId = "systemAudit")
    @GetMapping(path = "/api/audit", produces = "application/x-ndjson")
    Flux<Entry> stream(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String environmentId) {
        return entries(from, to, environmentId);
    }

    private Flux<Entry> entries(String from, String to, String environmentId) {
        Instant start = from == null || from.isBlank() ? Instant.EPOCH : Params.instant("from", from);
        Instant end = to == null || to.isBlank() ? clock.instant() : Params.instant("to", to);
        Params.period(start, end);
        EnvironmentId environment = environmentId == null || environmentId.isBlank() ? null
                : Ids.environment(environmentId);
        Mono<Set<String>> scope = environment == null ? Mono.just(Set.of()) : aggregatesOf(environment);
        return scope.flatMapMany(aggregates -> Flux.using(
                        () -> eventStore.openStream(startToken(start)),
                        stream -> Flux.<Entry>generate(sink -> next(stream, start, end, environment, aggregates, sink)),
                        BlockingStream::close)
                .subscribeOn(Schedulers.boundedElastic()));
    }

    private void next(BlockingStream<TrackedEventMessage<?>> stream, Instant start, Instant end,
                      EnvironmentId environment, Set<String> aggregates,
                      reactor.core.publisher.SynchronousSink<Entry> sink) {
        while (stream.hasNextAvailable()) {
            TrackedEventMessage<?> event;
            try {
                event = stream.nextAvailable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.error(e);
                return;
            }
            if (!event.getTimestamp().isBefore(end)) {
                sink.complete();
                return;
            }
            if (event.getTimestamp().isBefore(start) || !(event instanceof DomainEventMessage<?> domain)) {
                continue;
            }
            if (environment != null && !aggregates.contains(domain.getAggregateIdentifier())) {
                continue;
            }
            Object actor = event.getMetaData().get(Actor.METADATA_KEY);
            Object hash = event.getMetaData().get(AuditHash.HASH);
            sink.next(new Entry(event.trackingToken().position().orElse(-1), domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(), event.getPayloadType().getSimpleName(), event.getTimestamp(),
                    actor == null ? null : actor.toString(), event.getPayload(), hash == null ? null : hash.toString()));
            return;
        }
        sink.complete();
    }

    private TrackingToken startToken(Instant start) {
        return start.equals(Instant.EPOCH) ? null : eventStore.createTokenAt(start);
    }

    /** An environment's own stream and the streams of all its tests. */
    private Mono<Set<String>> aggregatesOf(EnvironmentId environment) {
        return queries.ask(
                        new FindDrTestHistoryQuery(environment, null, 0, Integer.MAX_VALUE / 2), DrTestHistoryPage.class)
                .map(history -> {
                    Set<String> ids = new HashSet<>();
                    ids.add(environment.value());
                    for (DrTestSummary test : history.items()) {
                        ids.add(test.testId().value());
                    }
                    return ids;
                });
    }
}
