package io.rehearsal.ui.environment;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.rehearsal.api.Actor;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.FindDrTestQuery;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentList;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FindEnvironmentQuery;
import io.rehearsal.api.FindEnvironmentsQuery;
import io.rehearsal.api.StartFailoverCommand;
import io.rehearsal.command.drtest.PreconditionCatalog;
import io.rehearsal.ui.web.Commands;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Problems;
import io.rehearsal.ui.web.Queries;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/environments")
class EnvironmentController {

    /** How long a start waits for its progress view before answering anyway. */
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(10);

    private final Queries queries;
    private final Commands commands;
    private final PreconditionCatalog preconditions;
    private final Clock clock;

    EnvironmentController(Queries queries, Commands commands, PreconditionCatalog preconditions, Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.preconditions = preconditions;
        this.clock = clock;
    }

    @GetMapping
    Mono<List<EnvironmentView>> environments() {
        return queries.ask(new FindEnvironmentsQuery(), EnvironmentList.class)
                .map(EnvironmentList::environments);
    }

    @GetMapping("/{envId}")
    Mono<EnvironmentView> environment(@PathVariable String envId) {
        return find(Ids.environment(envId));
    }

    @GetMapping("/{envId}/preconditions")
    Mono<PreconditionsResponse> preconditions(@PathVariable String envId) {
        return find(Ids.environment(envId)).map(env -> {
            Instant lastBackup = env.lastBackup() == null ? null : env.lastBackup().takenAt();
            Duration window = lastBackup == null ? null : Duration.between(lastBackup, clock.instant());
            List<PreconditionsResponse.Precondition> items = preconditions.all().stream()
                    .map(p -> new PreconditionsResponse.Precondition(p.id(), p.text()
                            .replace("{lastBackup}", lastBackup == null ? "no backup yet" : lastBackup.toString())
                            .replace("{dataLossWindow}", window == null ? "unknown" : human(window))))
                    .toList();
            return new PreconditionsResponse(env.id(), env.displayName(), env.lastBackup(), window, items);
        });
    }

    @ApiResponse(responseCode = "202", description = "The test has started and can be read and streamed.",
            headers = @Header(name = "Location", description = "The test, /api/dr-tests/{testId}",
                    schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/DrTestRef")))
    @ApiResponse(responseCode = "409", description = "DR is not enabled on the environment, a test holds it, or it "
            + "has no backup to restore from.")
    @ApiResponse(responseCode = "422", description = "A precondition is missing or unknown, the confirmation name "
            + "differs from the display name (even in case or whitespace), or the reason is over 500 characters.")
    @PostMapping(path = "/{envId}/dr-tests", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, String>>> startTest(@PathVariable String envId,
                                                        @RequestBody StartTestRequest request, Principal principal) {
        EnvironmentId environmentId = Ids.environment(envId);
        if (request.acknowledgedPreconditions() != null && request.acknowledgedPreconditions().contains(null)) {
            throw Problems.unprocessable("acknowledgedPreconditions holds a null; list precondition ids only.");
        }
        DrTestId testId = DrTestId.random();
        StartFailoverCommand command = new StartFailoverCommand(testId, environmentId,
                request.acknowledgedPreconditions() == null ? null : new HashSet<>(request.acknowledgedPreconditions()),
                request.confirmationName(), request.reason(), Actor.of(principal.getName()));
        // read your writes: the 202 is sent once the test's progress can be read and streamed
        Queries.Subscription<DrTestView, DrTestView> progress = queries.subscribe(
                new FindDrTestQuery(testId), DrTestView.class, DrTestView.class);
        Mono<DrTestView> firstView = Flux.concat(progress.initial(), progress.updates()).next()
                .timeout(PROJECTION_WAIT, Mono.empty());
        return commands.send(command, Actor.of(principal.getName()))
                .then(firstView)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/dr-tests/" + testId))
                        .body(Map.of("testId", testId.value()))))
                .doFinally(signal -> progress.close());
    }

    private Mono<EnvironmentView> find(EnvironmentId id) {
        return queries.ask(new FindEnvironmentQuery(id), EnvironmentView.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("No environment with id '" + id + "'.")));
    }

    private static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + " seconds";
        }
        if (minutes < 120) {
            return minutes + " minutes";
        }
        return d.toHours() + " hours " + d.toMinutesPart() + " minutes";
    }

    record StartTestRequest(List<String> acknowledgedPreconditions, String confirmationName, String reason) {
    }
}
