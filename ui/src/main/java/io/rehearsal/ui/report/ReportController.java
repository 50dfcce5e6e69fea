package io.rehearsal.ui.report;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.rehearsal.api.Actor;
import io.rehearsal.api.CloseNextStepCommand;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.EditReportCommand;
import io.rehearsal.api.FindReportQuery;
import io.rehearsal.api.NextStep;
import io.rehearsal.api.ReportResult;
import io.rehearsal.ui.web.Commands;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Params;
import io.rehearsal.ui.web.Problems;
import io.rehearsal.ui.web.Queries;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A test's report, its editable verdict, and its mandatory next steps. */
@RestController
@RequestMapping("/api/dr-tests/{testId}")
class ReportController {

    /** how long a change waits for the report to show it: 500 polls 10 ms apart, 5 s at most */
    private static final int VIEW_POLLS = 500;
    private static final Duration VIEW_POLL_INTERVAL = Duration.ofMillis(10);

    private final Queries queries;
    private final Commands commands;
    private final ReportPdf pdf;
    private final EventStore eventStore;
    private final Clock clock;

    ReportController(Queries queries, Commands commands, ReportPdf pdf, EventStore eventStore, Clock clock) {
        this.eventStore = eventStore;
        this.clock = clock;
        this.queries = queries;
        this.commands = commands;
        this.pdf = pdf;
    }

    record EditRequest(String reason, String result, String observations) {
    }

    record NextStepRequest(String state, String note) {
    }

    /**
     * A completed test's next steps, with the version of the report they are read from (the sequence number of the
     * last of the test's events in it): a client that saw a later version of the test knows these are behind.
     */
    record NextStepsView(List<DrTestReport.NextStepView> nextSteps, Instant fullyRestoredAt, Duration fullRto,
                         long version) {
    }

    @ApiResponse(responseCode = "200", description = "The report, now or as it stood at asOf.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = DrTestReport.class)))
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant, or it is in the future: a report "
            + "shows a test as it stood, never as it will stand.")
    @GetMapping("/report")
    Mono<DrTestReport> report(@PathVariable String testId, @RequestParam(required = false) String asOf) {
        DrTestId id = Ids.test(testId);
        Instant moment = asOf == null || asOf.isBlank() ? null : Params.past("asOf", asOf, clock.instant());
        return queries.ask(new FindReportQuery(id, moment), DrTestReport.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound(moment == null
                        ? "No DR test with id '" + id + "'."
                        : "DR test '" + id + "' had not started at " + moment + ", or does not exist.")));
    }

    /** The report as a PDF to keep, optionally as it stood at {@code asOf}. */
    @ApiResponse(responseCode = "200", description = "The report as an A4 PDF, to download.",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"dr-test-{testId}.pdf\"",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
                    schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "asOf is not an ISO-8601 instant, or it is in the future.")
    @GetMapping(path = "/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    Mono<ResponseEntity<byte[]>> reportPdf(@PathVariable String testId, @RequestParam(required = false) String asOf) {
        return report(testId, asOf)
                .publishOn(Schedulers.boundedElastic())
                .map(report -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"dr-test-" + report.testId() + ".pdf\"")
                        .body(pdf.render(report)));
    }

    @ApiResponse(responseCode = "204", description = "The edit is recorded; an attribute left out stays as it is, "
            + "and an edit that changes nothing records nothing.")
    @ApiResponse(responseCode = "409", description = "Another change to the test was recorded at the same moment.")
    @ApiResponse(responseCode = "422", description = "The result is not one of the verdicts, the reason is over 500 "
            + "characters, or the observations over 10,000.")
    @PutMapping(path = "/report", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> edit(@PathVariable String testId, @RequestBody EditRequest request, Principal principal) {
        DrTestId id = Ids.test(testId);
        Actor actor = Actor.of(principal.getName());
        ReportResult result = request.result() == null ? null : result(request.result());
        return commands.send(new EditReportCommand(id, request.reason(), result, request.observations(), actor), actor)
                .then(untilReportShowsLastEvent(id))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    @GetMapping("/next-steps")
    Mono<NextStepsView> nextSteps(@PathVariable String testId) {
        return report(testId, null).map(r -> new NextStepsView(r.nextSteps(), r.fullyRestoredAt(), r.fullRto(), r.version()));
    }

    @ApiResponse(responseCode = "204", description = "The step's state is recorded; OPEN reopens it.")
    @ApiResponse(responseCode = "404", description = "No such test, or no next step with that id.")
    @ApiResponse(responseCode = "409", description = "The test has not completed, or another change to it was "
            + "recorded at the same moment.")
    @ApiResponse(responseCode = "422", description = "The state is missing or unknown, or the note is too long.")
    @PostMapping(path = "/next-steps/{stepId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> updateNextStep(@PathVariable String testId, @PathVariable String stepId,
                                              @RequestBody NextStepRequest request, Principal principal) {
        DrTestId id = Ids.test(testId);
        NextStep step = NextStep.byId(stepId).orElseThrow(() -> Problems.notFound("No next step '" + stepId
                + "'; they are " + Arrays.stream(NextStep.values()).map(NextStep::id).toList() + "."));
        NextStep.State state = state(request.state());
        Actor actor = Actor.of(principal.getName());
        return commands.send(new CloseNextStepCommand(id, step, state, request.note(), actor), actor)
                .then(untilReportShowsLastEvent(id))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    /**
     * Read your writes: a change answers once the report (and the next steps read from it) shows the test's last
     * recorded event, so a client that reads right after never sees the old state. Bounded: past the wait the
     * change, recorded already, is answered anyway.
     */
    private Mono<Void> untilReportShowsLastEvent(DrTestId id) {
        return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(id.value()).orElse(-1L))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(last -> queries.ask(new FindReportQuery(id, null), DrTestReport.class)
                        .filter(report -> report.version() >= last)
                        .repeatWhenEmpty(polls -> polls.take(VIEW_POLLS).delayElements(VIEW_POLL_INTERVAL)))
                .then();
    }

    private static ReportResult result(String text) {
        try {
            return ReportResult.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw Problems.unprocessable("result '" + text + "' is not one of "
                    + Arrays.toString(ReportResult.values()) + ".");
        }
    }

    private static NextStep.State state(String text) {
        if (text == null) {
            throw Problems.unprocessable("state is required: DONE, NOT_APPLICABLE, or OPEN to reopen the step.");
        }
        try {
            return NextStep.State.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw Problems.unprocessable("state '" + text + "' is not one of DONE, NOT_APPLICABLE, OPEN.");
        }
    }
}
