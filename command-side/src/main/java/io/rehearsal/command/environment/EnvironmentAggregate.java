package io.rehearsal.command.environment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.ChangeDisasterRecoveryCommand;
import io.rehearsal.api.ChangeEnvironmentConfigurationCommand;
import io.rehearsal.api.ChangeEnvironmentTargetsCommand;
import io.rehearsal.api.DisasterRecoveryDisabledEvent;
import io.rehearsal.api.DisasterRecoveryEnabledEvent;
import io.rehearsal.api.DrRegionChangedEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentConfigurationChangedEvent;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRegisteredEvent;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.EnvironmentReservedForTestEvent;
import io.rehearsal.api.EnvironmentRetiredEvent;
import io.rehearsal.api.EnvironmentTargetsChangedEvent;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.api.RegisterEnvironmentCommand;
import io.rehearsal.api.RelocateEnvironmentCommand;
import io.rehearsal.api.RetireEnvironmentCommand;
import io.rehearsal.api.Targets;
import io.rehearsal.command.AggregateCaches;
import io.rehearsal.command.drtest.FailoverRejectedException;
import io.rehearsal.command.drtest.PreconditionCatalog;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A hosted environment (the Environment aggregate): its lifecycle from registration to retirement, and the rule
 * "at most one test at a time": a test reserves it in the same unit of work that creates the test, so concurrent
 * starts serialise on this aggregate. Snapshots keep loading it cheap however many backups it has recorded.
 */
@Aggregate(type = "Environment", snapshotTriggerDefinition = "environmentSnapshots", cache = AggregateCaches.ENVIRONMENTS)
// a class named Environment would take the bean name of Spring's own Environment
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE) // snapshots store the fields, and only them
public class EnvironmentAggregate {

    /** How far ahead of Rehearsal's clock a backup tool's clock may run before its backup counts as "in the future". */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final int BACKUP_ID_LIMIT = 200;

    @AggregateIdentifier
    private EnvironmentId id;
    private String displayName;
    private Purpose purpose;
    private String region;
    private String drRegion;
    private boolean drEnabled;
    private boolean retired;
    private EnvironmentConfiguration configuration;
    /** The network as last declared (registration or change), which a failover replaces with the one it built. */
    private NetworkConfiguration declaredNetwork;
    private Targets targets;
    private BackupRef lastBackup;
    private BackupIds backupIds = BackupIds.none();
    private DrTestId activeTest;

    @CommandHandler
    public EnvironmentAggregate(RegisterEnvironmentCommand cmd, Clock clock, DisplayNames displayNames) {
        FieldErrors errors = new FieldErrors();
        EnvironmentRules.ofRegistration(cmd.environmentId() == null ? null : cmd.environmentId().value(),
                cmd.displayName(), cmd.purpose(), cmd.region(), cmd.drRegion(), cmd.drEnabled(), cmd.configuration(),
                cmd.targets()).forEach(error -> errors.add(error.field(), error.message()));
        if (cmd.displayName() != null && !cmd.displayName().isBlank()) {
            displayNames.activeEnvironmentNamed(cmd.displayName().strip())
                    .filter(other -> !other.equals(cmd.environmentId()))
                    .ifPresent(other -> errors.add("displayName", "'" + cmd.displayName() + "' is the name of "
                            + "environment '" + other + "' (ignoring case); operators confirm a test by typing it, "
                            + "so it must be unique."));
        }
        errors.throwIfAny();
        apply(new EnvironmentRegisteredEvent(cmd.environmentId(), cmd.displayName().strip(), cmd.purpose(),
                cmd.region(), cmd.configuration(), cmd.targets(), clock.instant(), cmd.drRegion()));
        if (cmd.drEnabled()) {
            apply(new DisasterRecoveryEnabledEvent(cmd.environmentId(), cmd.drRegion()));
        }
    }

    @CommandHandler
    void handle(ChangeEnvironmentConfigurationCommand cmd, Clock clock) {
        requireActive("its configuration cannot change");
        FieldErrors errors = new FieldErrors();
        EnvironmentRules.configuration(errors, cmd.configuration());
        errors.throwIfAny();
        if (cmd.configuration().equals(configuration)) {
            return; // already so: nothing to record
        }
        // a running test keeps the configuration it recorded at its start; the next one compares against this
        apply(new EnvironmentConfigurationChangedEvent(id, cmd.configuration(), clock.instant()));
    }

    @CommandHandler
    void handle(ChangeEnvironmentTargetsCommand cmd, Clock clock) {
        requireActive("its targets cannot change");
        FieldErrors errors = new FieldErrors();
        EnvironmentRules.targets(errors, cmd.targets());
        errors.throwIfAny();
        if (cmd.targets().equals(targets)) {
            return;
        }
        apply(new EnvironmentTargetsChangedEvent(id, cmd.targets(), clock.instant()));
    }

    @CommandHandler
    void handle(ChangeDisasterRecoveryCommand cmd) {
        requireActive("its DR settings cannot change");
        String wanted = cmd.drRegion() != null ? cmd.drRegion() : drRegion;
        FieldErrors errors = new FieldErrors();
        EnvironmentRules.drRegion(errors, region, wanted, cmd.drEnabled());
        errors.throwIfAny();
        boolean regionChanges = !Objects.equals(wanted, drRegion);
        if (cmd.drEnabled() == drEnabled && !regionChanges) {
            return; // already so: nothing to record
        }
        if (activeTest != null) {
            // the test moves the environment to the DR region it recorded at its start
            throw FailoverRejectedException.conflict("DR test " + activeTest + " holds environment '" + id
                    + "'; its DR settings cannot change until the test has ended.");
        }
        if (cmd.drEnabled() && (!drEnabled || regionChanges)) {
            apply(new DisasterRecoveryEnabledEvent(id, wanted));
        } else if (!cmd.drEnabled()) {
            if (regionChanges) {
                apply(new DrRegionChangedEvent(id, wanted));
            }
            if (drEnabled) {
                apply(new DisasterRecoveryDisabledEvent(id));
            }
        }
    }

    @CommandHandler
    void handle(RecordBackupCommand cmd, Clock clock) {
        requireActive("it records no more backups");
        FieldErrors errors = new FieldErrors();
        if (errors.requireText("backupId", cmd.backupId(), BACKUP_ID_LIMIT) && cmd.takenAt() != null
                && lastBackup != null && cmd.backupId().equals(lastBackup.backupId())
                && cmd.takenAt().equals(lastBackup.takenAt())) {
            return; // the same backup reported again (a backup tool retrying): recorded already
        }
        Instant now = clock.instant();
        if (cmd.takenAt() == null) {
            errors.add("takenAt", "is required: the instant the backup was taken (e.g. 2026-12-01T03:00:00Z).");
        } else if (cmd.takenAt().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add("takenAt", "is " + cmd.takenAt() + ", in the future (it is " + now + " here); "
                    + "a backup is recorded once it has been taken.");
        } else if (lastBackup != null && !cmd.takenAt().isAfter(lastBackup.takenAt()) && !cmd.lateReport()) {
            errors.add("takenAt", "is " + cmd.takenAt() + ", not after the last backup ('" + lastBackup.backupId()
                    + "' taken at " + lastBackup.takenAt() + "); to record an older backup reported late, "
                    + "send lateReport: true.");
        }
        if (errors.isEmpty() && backupIds.contains(cmd.backupId())) {
            errors.add("backupId", "'" + cmd.backupId() + "' names a backup recorded before; each backup has an id "
                    + "of its own.");
        }
        errors.throwIfAny();
        boolean late = lastBackup != null && !cmd.takenAt().isAfter(lastBackup.takenAt());
        apply(new BackupRecordedEvent(id, cmd.backupId(), cmd.takenAt(), late ? Boolean.TRUE : null));
    }

    @CommandHandler
    void handle(RetireEnvironmentCommand cmd, Clock clock) {
        if (retired) {
            return; // retired already
        }
        if (activeTest != null) {
            throw FailoverRejectedException.conflict("DR test " + activeTest + " holds environment '" + id
                    + "'; it can be retired once the test has ended.");
        }
        apply(new EnvironmentRetiredEvent(id, clock.instant()));
    }

    /**
     * Accepts a test or says why not, in the order an operator can act on: state first (DR, a running test,
     * a backup), then what they typed.
     */
    FailoverTerms reserveFor(DrTestId testId, Set<String> acknowledged, String confirmationName,
                             PreconditionCatalog preconditions, Clock clock) {
        if (retired) {
            throw FailoverRejectedException.conflict("Environment '" + id + "' is retired; it takes no new tests.");
        }
        if (!drEnabled) {
            throw FailoverRejectedException.conflict("Disaster recovery is not enabled on environment '" + id + "'.");
        }
        if (activeTest != null) {
            throw FailoverRejectedException.conflict("DR test " + activeTest + " holds environment '" + id
                    + "': it is still running, or it failed and the environment stays unavailable until an ADMIN acts.");
        }
        if (lastBackup == null) {
            throw FailoverRejectedException.conflict("Environment '" + id
                    + "' has no backup to restore from; a test needs at least one.");
        }
        preconditions.requireAllAcknowledged(acknowledged);
        requireConfirmation(confirmationName);
        apply(new EnvironmentReservedForTestEvent(id, testId, clock.instant()));
        return new FailoverTerms(displayName, region, drRegion, lastBackup, configuration, targets);
    }

    private void requireConfirmation(String typed) {
        if (typed == null || typed.isEmpty()) {
            throw FailoverRejectedException.invalid("Type the environment's name, '" + displayName + "', to confirm.");
        }
        if (!typed.equals(displayName)) {
            boolean nearly = typed.strip().equalsIgnoreCase(displayName.strip());
            throw FailoverRejectedException.invalid("The confirmation name '" + typed + "' does not match '" + displayName
                    + "'" + (nearly ? ": it differs in letter case or whitespace, and must match exactly." : "."));
        }
    }

    /** What an ADMIN or an inventory file last declared about this environment, to tell what a new declaration changes. */
    public DeclaredEnvironment declared() {
        return new DeclaredEnvironment(id, displayName, purpose, region, drRegion, drEnabled, retired,
                configuration.withNetwork(declaredNetwork), configuration.network(), targets, lastBackup,
                backupIds::contains);
    }

    private void requireActive(String consequence) {
        if (retired) {
            throw FailoverRejectedException.conflict("Environment '" + id + "' is retired; " + consequence + ".");
        }
    }

    @CommandHandler
    void handle(RelocateEnvironmentCommand cmd, Clock clock) {
        if (!cmd.testId().equals(activeTest)) {
            return; // already relocated by this test (a redelivered command), or not this test's to end
        }
        apply(new EnvironmentRelocatedEvent(id, cmd.testId(), drRegion, region, cmd.newNetwork(), clock.instant()));
    }

    @EventSourcingHandler
    void on(EnvironmentRegisteredEvent event) {
        id = event.environmentId();
        displayName = event.displayName();
        purpose = event.purpose();
        region = event.region();
        drRegion = event.drRegion();
        configuration = event.configuration();
        declaredNetwork = event.configuration().network();
        targets = event.targets();
    }

    @EventSourcingHandler
    void on(EnvironmentConfigurationChangedEvent event) {
        configuration = event.configuration();
        declaredNetwork = event.configuration().network();
    }

    @EventSourcingHandler
    void on(EnvironmentTargetsChangedEvent event) {
        targets = event.targets();
    }

    @EventSourcingHandler
    void on(DisasterRecoveryEnabledEvent event) {
        drEnabled = true;
        drRegion = event.drRegion();
    }

    @EventSourcingHandler
    void on(DisasterRecoveryDisabledEvent event) {
        drEnabled = false;
    }

    @EventSourcingHandler
    void on(DrRegionChangedEvent event) {
        drRegion = event.drRegion();
    }

    @EventSourcingHandler
    void on(BackupRecordedEvent event) {
        backupIds.add(event.backupId());
        if (lastBackup == null || event.takenAt().isAfter(lastBackup.takenAt())) {
            lastBackup = new BackupRef(event.backupId(), event.takenAt());
        }
    }

    @EventSourcingHandler
    void on(EnvironmentReservedForTestEvent event) {
        activeTest = event.testId();
    }

    @EventSourcingHandler
    void on(EnvironmentRelocatedEvent event) {
        region = event.region();
        drRegion = event.drRegion();
        configuration = configuration.withNetwork(event.network());
        activeTest = null;
    }

    @EventSourcingHandler
    void on(EnvironmentRetiredEvent event) {
        retired = true;
    }

    protected EnvironmentAggregate() {
        // for Axon
    }
}
