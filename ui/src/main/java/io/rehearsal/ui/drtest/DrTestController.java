package io.rehearsal.ui.drtest;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.rehearsal.api.Actor;
import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FindDrTestHistoryQuery;
import io.rehearsal.api.FindDrTestQuery;
import io.rehearsal.api.ResumeFailoverCommand;
import io.rehearsal.api.TestStatus;
import io.rehearsal.ui.web.Commands;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Problems;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

@RestController
@RequestMapping("/api/dr-tests")
class DrTestController {

    static final int MAX_PAGE_SIZE = 200;

    private final QueryGateway queries;
    private final Commands commands;
    private final Duration heartbeat;

    DrTestController(QueryGateway queries, Commands commands,
                     @Value("${rehearsal.web.heartbeat:15s}") Duration heartbeat) {
        this.queries = queries;
        this.commands = commands;
        this.heartbeat = heartbeat;
    }

    @GetMapping
    Mono<DrTestHistoryPage> history(@RequestParam(required = false) String environmentId,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(defaultValue = "0") String page,
                                    @RequestParam(defaultValue = "20") String size) {
        EnvironmentId env = environmentId == null || environmentId.isBlank() ? null : filterEnvironment(environmentId);
        TestStatus testStatus = status == null || status.isBlank() ? null : parseStatus(status);
        int pageNumber = number("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
        return Mono.fromFuture(() -> queries.query(new FindDrTestHistoryQuery(env, testStatus, pageNumber, pageSize),
                DrTestHistoryPage.class));
    }

    @GetMapping("/{testId}")
    Mono<DrTestView> test(@PathVariable String testId) {
        DrTestId id = Ids.test(testId);
        return Mono.fromFuture(() -> queries.query(new FindDrTestQuery(id), DrTestView.class))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** An ADMIN continues a FAILED test from the step that failed; the earlier steps are not repeated. */
    @ApiResponse(responseCode = "202", description = "The test runs again from the step that failed.",
            headers = @Header(name = "Location", description = "The test, /api/dr-tests/{testId}",
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/DrTestRef")))
    @ApiResponse(responseCode = "409", description = "The test is running or completed: only a FAILED test resumes.")
    @PostMapping("/{testId}/resume")
    Mono<ResponseEntity<Map<String, String>>> resume(@PathVariable String testId, Principal principal) {
        DrTestId id = Ids.test(testId);
        Actor actor = Actor.of(principal.getName());
        return commands.send(new ResumeFailoverCommand(id, actor), actor)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/dr-tests/" + id))
                        .body(Map.of("testId", id.value()))));
    }

    /**
     * Progress as server-sent events: the current state, then every change, until the test ends; a heartbeat
     * comment keeps proxies from closing the line and reveals a client that left, which closes the query.
     */
    @ApiResponse(responseCode = "200", description = "Server-sent events: each `progress` event (its id the view's "
            + "version) carries the test's progress as JSON, first the current state, then every change; the stream "
            + "ends with the test. Comment lines are heartbeats.",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(ref = "#/components/schemas/DrTestView")))
    @GetMapping(path = "/{testId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<DrTestView>> stream(@PathVariable String testId) {
        DrTestId id = Ids.test(testId);
        // the subscription is closed however the stream ends: test over, client gone, or no such test
        return Flux.using(
                () -> queries.subscriptionQuery(new FindDrTestQuery(id), DrTestView.class, DrTestView.class),
                result -> result.initialResult()
                        .switchIfEmpty(Mono.error(() -> notFound(id)))
                        .flatMapMany(initial -> {
                            AtomicLong lastVersion = new AtomicLong(-1);
                            Flux<ServerSentEvent<DrTestView>> progress = Flux.concat(Mono.just(initial), result.updates())
                                    .filter(view -> view.version() > lastVersion.get())
                                    .doOnNext(view -> lastVersion.set(view.version()))
                                    .takeUntil(view -> view.status().isFinal())
                                    .map(view -> ServerSentEvent.builder(view).event("progress")
                                            .id(Long.toString(view.version())).build());
                            Flux<ServerSentEvent<DrTestView>> heartbeats = Flux.interval(heartbeat)
                                    .map(tick -> ServerSentEvent.<DrTestView>builder().comment("heartbeat").build());
                            return progress.publish(shared -> Flux.merge(shared, heartbeats.takeUntilOther(shared.then())));
                        }),
                SubscriptionQueryResult::close);
    }

    private static Problems.ProblemException notFound(DrTestId id) {
        return Problems.notFound("No DR test with id '" + id + "'.");
    }

    private static EnvironmentId filterEnvironment(String raw) {
        try {
            return EnvironmentId.of(raw);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("environmentId: " + e.getMessage());
        }
    }

    private static TestStatus parseStatus(String raw) {
        try {
            return TestStatus.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("status '" + raw + "' is not one of " + Arrays.toString(TestStatus.values()) + ".");
        }
    }

    private static int number(String name, String raw, int min, int max) {
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw Problems.badRequest(name + " must be between " + min + " and " + max + ", was " + value + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problems.badRequest(name + " must be a whole number, was '" + raw + "'.");
        }
    }
}
