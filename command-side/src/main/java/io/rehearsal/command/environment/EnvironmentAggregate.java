package io.rehearsal.command.environment;

import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DisasterRecoveryEnabledEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnableDisasterRecoveryCommand;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRegisteredEvent;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.EnvironmentReservedForTestEvent;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.api.RegisterEnvironmentCommand;
import io.rehearsal.api.RelocateEnvironmentCommand;
import io.rehearsal.api.Targets;
import io.rehearsal.command.drtest.FailoverRejectedException;
import io.rehearsal.command.drtest.PreconditionCatalog;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A hosted environment (the Environment aggregate). It owns the rule "at most one test at a time": a test reserves it in the same
 * unit of work that creates the test, so concurrent starts serialise on this aggregate.
 */
@Aggregate(type = "Environment") // a class named Environment would take the bean name of Spring's own Environment
public class EnvironmentAggregate {

    @AggregateIdentifier
    private EnvironmentId id;
    private String displayName;
    private String region;
    private String drRegion;
    private boolean drEnabled;
    private EnvironmentConfiguration configuration;
    private Targets targets;
    private BackupRef lastBackup;
    private DrTestId activeTest;

    @CommandHandler
    public EnvironmentAggregate(RegisterEnvironmentCommand cmd, Clock clock) {
        requireText(cmd.displayName(), "display name");
        requireText(cmd.region(), "region");
        Objects.requireNonNull(cmd.purpose(), "purpose");
        Objects.requireNonNull(cmd.configuration(), "configuration");
        Objects.requireNonNull(cmd.targets(), "targets");
        apply(new EnvironmentRegisteredEvent(cmd.environmentId(), cmd.displayName(), cmd.purpose(), cmd.region(),
                cmd.configuration(), cmd.targets(), clock.instant()));
    }

    @CommandHandler
    void handle(EnableDisasterRecoveryCommand cmd) {
        requireText(cmd.drRegion(), "DR region");
        if (activeTest != null) {
            // the test moves the environment to the DR region it recorded at its start
            throw FailoverRejectedException.conflict("DR test " + activeTest + " holds environment '" + id
                    + "'; its DR settings cannot change until the test has ended.");
        }
        if (cmd.drRegion().equals(region)) {
            throw FailoverRejectedException.invalid("The DR region must differ from the region the environment runs in ("
                    + region + ").");
        }
        if (drEnabled && cmd.drRegion().equals(drRegion)) {
            return; // already so: nothing to record
        }
        apply(new DisasterRecoveryEnabledEvent(id, cmd.drRegion()));
    }

    @CommandHandler
    void handle(RecordBackupCommand cmd) {
        requireText(cmd.backupId(), "backup id");
        Objects.requireNonNull(cmd.takenAt(), "backup time");
        if (lastBackup != null && !cmd.takenAt().isAfter(lastBackup.takenAt())) {
            return; // an older or repeated backup does not change the last one
        }
        apply(new BackupRecordedEvent(id, cmd.backupId(), cmd.takenAt()));
    }

    /**
     * Accepts a test or says why not, in the order an operator can act on: state first (DR, a running test,
     * a backup), then what they typed.
     */
    FailoverTerms reserveFor(DrTestId testId, Set<String> acknowledged, String confirmationName,
                             PreconditionCatalog preconditions, Clock clock) {
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
        region = event.region();
        configuration = event.configuration();
        targets = event.targets();
    }

    @EventSourcingHandler
    void on(DisasterRecoveryEnabledEvent event) {
        drEnabled = true;
        drRegion = event.drRegion();
    }

    @EventSourcingHandler
    void on(BackupRecordedEvent event) {
        lastBackup = new BackupRef(event.backupId(), event.takenAt());
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

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw FailoverRejectedException.invalid("The " + what + " is required.");
        }
    }

    protected EnvironmentAggregate() {
        // for Axon
    }
}
