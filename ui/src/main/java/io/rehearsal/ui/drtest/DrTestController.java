package io.rehearsal.ui.drtest;

import io.rehearsal.api.Actor;
import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestSummary;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FindDrTestHistoryQuery;
import io.rehearsal.api.FindDrTestQuery;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.ResumeFailoverCommand;
import io.rehearsal.api.StreamDrTestHistoryQuery;
import io.rehearsal.api.TestStatus;
import io.rehearsal.ui.web.Commands;
import io.rehearsal.ui.web.Csv;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Params;
import io.rehearsal.ui.web.Problems;
import io.rehearsal.ui.web.Queries;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
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

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

@RestController
@RequestMapping("/api/dr-tests")
class DrTestController {

    static final int MAX_PAGE_SIZE = 200;
    static final String CSV_HEADER = "testId,environmentId,environmentName,status,result,startedBy,startedAt,"
            + "endedAt,rtoSeconds,fullRtoSeconds,rpoSeconds,failedStep\r\n";

    private final Queries queries;
    private final Commands commands;
    private final Duration heartbeat;

    DrTestController(Queries queries, Commands commands,
                     @Value("${rehearsal.web.heartbeat:15s}") Duration heartbeat) {
        this.queries = queries;
        this.commands = commands;
        this.heartbeat = heartbeat;
    }

    /** The history's filters, each optional; a bad one is a 400 that names it. */
    record Filters(EnvironmentId environmentId, TestStatus status, ReportResult result, Instant from, Instant to) {

        static Filters parse(String environmentId, String status, String result, String from, String to) {
            Instant start = given(from) ? Params.instant("from", from) : null;
            Instant end = given(to) ? Params.instant("to", to) : null;
            Params.period(start, end);
            return new Filters(given(environmentId) ? filterEnvironment(environmentId) : null,
                    given(status) ? parseEnum("status", status, TestStatus.class) : null,
                    given(result) ? parseEnum("result", result, ReportResult.class) : null, start, end);
        }
    }

    @GetMapping
    Mono<DrTestHistoryPage> history(@RequestParam(required = false) String environmentId,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String result,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(defaultValue = "0") String page,
                                    @RequestParam(defaultValue = "20") String size) {
        Filters filters = Filters.parse(environmentId, status, result, from, to);
        int pageNumber = number("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int pageSize = number("size", size, 1, MAX_PAGE_SIZE);
        return queries.ask(new FindDrTestHistoryQuery(filters.environmentId(),
                filters.status(), filters.result(), filters.from(), filters.to(), pageNumber, pageSize),
                DrTestHistoryPage.class);
    }

    /**
     * The whole matching history as CSV, newest first: rows are written as the projection's cursor yields them,
     * so a long history is never held in memory.
     */
    @ApiResponse(responseCode = "200", description = "Every test matching the filters, newest first, as a download.",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"dr-test-history.csv\"",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "Columns test id, "
                    + "environment id, environment name, status, result, started by, started at, ended at, RTO, full RTO "
                    + "and RPO in seconds, failed step; every cell quoted, formula-safe.")))
    @GetMapping("/export.csv")
    ResponseEntity<Flux<String>> export(@RequestParam(required = false) String environmentId,
                                        @RequestParam(required = false) String status,
                                        @RequestParam(required = false) String result,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to) {
        Filters filters = Filters.parse(environmentId, status, result, from, to);
        StreamDrTestHistoryQuery query = new StreamDrTestHistoryQuery(filters.environmentId(), filters.status(),
                filters.result(), filters.from(), filters.to());
        Flux<String> rows = queries.stream(query, DrTestSummary.class).map(DrTestController::row);
        return ResponseEntity.ok().contentType(Csv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dr-test-history.csv\"")
                .body(Flux.concat(Mono.just(CSV_HEADER), rows));
    }

    static String row(DrTestSummary test) {
        return String.join(",", Csv.cell(test.testId().value()), Csv.cell(test.environmentId().value()),
                Csv.cell(test.environmentName()), Csv.cell(test.status().name()),
                Csv.cell(test.result() == null ? null : test.result().name()),
                Csv.cell(test.startedBy() == null ? null : test.startedBy().name()),
                Csv.cell(text(test.startedAt())), Csv.cell(text(test.endedAt())), Csv.cell(seconds(test.rto())),
                Csv.cell(seconds(test.fullRto())), Csv.cell(seconds(test.rpo())),
                Csv.cell(test.failedStep() == null ? null : test.failedStep().name())) + "\r\n";
    }

    /** Seconds to the millisecond, as a spreadsheet reads a number: 1830.25, not PT30M30.25S. */
    private static String seconds(Duration duration) {
        return duration == null ? null : BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros()
                .toPlainString();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static boolean given(String parameter) {
        return parameter != null && !parameter.isBlank();
    }

    @GetMapping("/{testId}")
    Mono<DrTestView> test(@PathVariable String testId) {
        DrTestId id = Ids.test(testId);
        return queries.ask(new FindDrTestQuery(id), DrTestView.class)
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
                () -> queries.subscribe(new FindDrTestQuery(id), DrTestView.class, DrTestView.class),
                result -> result.initial()
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
                Queries.Subscription::close);
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

    private static <E extends Enum<E>> E parseEnum(String name, String raw, Class<E> type) {
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(name + " '" + raw + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()) + ".");
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
