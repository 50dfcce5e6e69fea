package io.rehearsal.ui.environment;

import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.ChangeDisasterRecoveryCommand;
import io.rehearsal.api.ChangeEnvironmentConfigurationCommand;
import io.rehearsal.api.ChangeEnvironmentTargetsCommand;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FieldError;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.api.RegisterEnvironmentCommand;
import io.rehearsal.api.RetireEnvironmentCommand;
import io.rehearsal.api.Targets;
import io.rehearsal.command.environment.EnvironmentRules;
import io.rehearsal.ui.web.Commands;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Problems;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The inventory's upkeep by an ADMIN (and backups by a backup tool's token): every change is a command the
 * Environment aggregate decides on, answered once the environments view shows it.
 */
@RestController
@RequestMapping("/api/environments")
class EnvironmentAdminController {

    private final Commands commands;
    private final EnvironmentViewWait views;
    private final EventStore eventStore;

    EnvironmentAdminController(Commands commands, EnvironmentViewWait views, EventStore eventStore) {
        this.commands = commands;
        this.views = views;
        this.eventStore = eventStore;
    }

    @ApiResponse(responseCode = "201", description = "The environment is registered (and DR enabled when asked).",
            headers = @Header(name = "Location", description = "The environment, /api/environments/{envId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "409", description = "An environment with this id exists (active or retired).")
    @ApiResponse(responseCode = "422", description = "A field is invalid; `errors` lists each with what is wrong "
            + "(an id that is no slug, a duplicate display name, an unknown purpose, a DR region equal to the region, "
            + "a network that is no private CIDR block, a WAF rule that is no CIDR, a storage of 0, no front-end, "
            + "an RTO of zero ...).")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<EnvironmentView>> register(@RequestBody RegisterRequest request, Principal principal) {
        Actor actor = Actor.of(principal.getName());
        RegisterEnvironmentCommand command = request.toCommand();
        return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(command.environmentId().value()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(existing -> existing.isPresent()
                        ? Mono.error(Problems.conflict("An environment with id '" + command.environmentId()
                        + "' exists already (it may be retired); ids are never reused."))
                        : commands.send(command, actor))
                .then(views.untilShown(command.environmentId()))
                .map(view -> ResponseEntity.created(URI.create("/api/environments/" + view.id())).body(view));
    }

    @ApiResponse(responseCode = "200", description = "The configuration is recorded; a running test keeps the one it "
            + "recorded at its start.")
    @ApiResponse(responseCode = "409", description = "The environment is retired.")
    @ApiResponse(responseCode = "422", description = "A field is invalid; `errors` lists each.")
    @PutMapping(path = "/{envId}/configuration", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<EnvironmentView> changeConfiguration(@PathVariable String envId,
                                              @RequestBody EnvironmentConfiguration configuration,
                                              Principal principal) {
        EnvironmentId id = Ids.environment(envId);
        return change(id, new ChangeEnvironmentConfigurationCommand(id, configuration), principal);
    }

    @ApiResponse(responseCode = "200", description = "The targets are recorded.")
    @ApiResponse(responseCode = "409", description = "The environment is retired.")
    @ApiResponse(responseCode = "422", description = "A target is missing, zero or too long; `errors` lists each.")
    @PutMapping(path = "/{envId}/targets", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<EnvironmentView> changeTargets(@PathVariable String envId, @RequestBody Targets targets, Principal principal) {
        EnvironmentId id = Ids.environment(envId);
        return change(id, new ChangeEnvironmentTargetsCommand(id, targets), principal);
    }

    @ApiResponse(responseCode = "200", description = "DR is on or off as asked, with the DR region given (or kept).")
    @ApiResponse(responseCode = "409", description = "A test holds the environment, or it is retired.")
    @ApiResponse(responseCode = "422", description = "drEnabled is missing, or the DR region is missing, invalid or "
            + "equal to the region.")
    @PutMapping(path = "/{envId}/dr", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<EnvironmentView> changeDr(@PathVariable String envId, @RequestBody DrRequest request, Principal principal) {
        EnvironmentId id = Ids.environment(envId);
        if (request.drEnabled() == null) {
            throw Problems.unprocessable("drEnabled is required: true or false.",
                    List.of(new FieldError("drEnabled", "is required: true or false.")));
        }
        return change(id, new ChangeDisasterRecoveryCommand(id, request.drEnabled(), request.drRegion()), principal);
    }

    @ApiResponse(responseCode = "200", description = "The environment is retired (or was already): it takes no new "
            + "tests and stays in the history, the audit trail and compliance.")
    @ApiResponse(responseCode = "409", description = "A test holds the environment.")
    @PostMapping("/{envId}/retire")
    Mono<EnvironmentView> retire(@PathVariable String envId, Principal principal) {
        EnvironmentId id = Ids.environment(envId);
        return change(id, new RetireEnvironmentCommand(id), principal);
    }

    @ApiResponse(responseCode = "200", description = "The backup is recorded (or was already, when the same id and "
            + "time are sent again); lastBackup is the environment's last backup now.")
    @ApiResponse(responseCode = "409", description = "The environment is retired.")
    @ApiResponse(responseCode = "422", description = "The id is missing or used by another backup, the time is "
            + "missing or in the future, or older than the last backup without lateReport.")
    @PostMapping(path = "/{envId}/backups", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<BackupReceipt> recordBackup(@PathVariable String envId, @RequestBody BackupRequest request,
                                     Principal principal) {
        EnvironmentId id = Ids.environment(envId);
        RecordBackupCommand command = new RecordBackupCommand(id, request.backupId(), request.takenAt(),
                Boolean.TRUE.equals(request.lateReport()));
        return change(id, command, principal)
                .map(view -> new BackupReceipt(id, request.backupId(), request.takenAt(), view.lastBackup()));
    }

    private Mono<EnvironmentView> change(EnvironmentId id, Object command, Principal principal) {
        Actor actor = Actor.of(principal.getName());
        return commands.send(command, actor).then(views.untilShown(id));
    }

    /** The environment as {@code GET} shows it, less what Rehearsal owns (last backup, availability, tests). */
    record RegisterRequest(String id, String displayName, String purpose, String region, String drRegion,
                           Boolean drEnabled, EnvironmentConfiguration configuration, Targets targets) {

        /** The command, or a 422 listing every field when the id or the purpose cannot even be read. */
        RegisterEnvironmentCommand toCommand() {
            List<FieldError> unreadable = new ArrayList<>();
            EnvironmentId environmentId = null;
            try {
                environmentId = id == null ? null : EnvironmentId.of(id);
            } catch (IllegalArgumentException e) {
                // no id to send a command to: the domain's own rule below says what is wrong with it
            }
            Purpose purposeValue = null;
            if (purpose != null) {
                try {
                    purposeValue = Purpose.valueOf(purpose);
                } catch (IllegalArgumentException e) {
                    unreadable.add(new FieldError("purpose", "'" + purpose + "' is not one of " + Arrays.stream(
                            Purpose.values()).map(Enum::name).collect(Collectors.joining(", ")) + "."));
                }
            }
            boolean dr = Boolean.TRUE.equals(drEnabled);
            if (environmentId == null || !unreadable.isEmpty()) {
                List<FieldError> all = new ArrayList<>(unreadable);
                EnvironmentRules.ofRegistration(id, displayName, purposeValue, region, drRegion, dr, configuration,
                                targets).stream()
                        .filter(e -> unreadable.stream().noneMatch(u -> u.field().equals(e.field())))
                        .forEach(all::add);
                throw Problems.unprocessable(Problems.firstOf(all), all);
            }
            return new RegisterEnvironmentCommand(environmentId, displayName, purposeValue, region, drRegion, dr,
                    configuration, targets);
        }
    }

    record DrRequest(Boolean drEnabled, String drRegion) {
    }

    record BackupRequest(String backupId, Instant takenAt, Boolean lateReport) {
    }

    /** What a backup tool learns: its backup, and the environment's last backup now (a late one leaves it as was). */
    record BackupReceipt(EnvironmentId environmentId, String backupId, Instant takenAt, BackupRef lastBackup) {
    }
}
