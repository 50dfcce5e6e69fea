package io.rehearsal.command.inventory;

import io.rehearsal.api.Actor;
import io.rehearsal.api.ChangeDisasterRecoveryCommand;
import io.rehearsal.api.ChangeEnvironmentConfigurationCommand;
import io.rehearsal.api.ChangeEnvironmentTargetsCommand;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentList;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FieldError;
import io.rehearsal.api.FindEnvironmentsQuery;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.api.RegisterEnvironmentCommand;
import io.rehearsal.command.environment.DeclaredEnvironment;
import io.rehearsal.command.environment.EnvironmentAggregate;
import io.rehearsal.command.environment.EnvironmentRules;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Inventory as code: makes Rehearsal's environments what a file declares, by the same commands an ADMIN sends, so
 * every change is an event with its actor. Registers what is new, changes what differs, never retires what the file
 * leaves out; applying the same file twice records nothing the second time, because each change is planned
 * against what the environment's own aggregate holds.
 */
public class Inventory {

    private final Repository<EnvironmentAggregate> environments;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public Inventory(Repository<EnvironmentAggregate> environments, CommandGateway commands, QueryGateway queries,
                     Clock clock) {
        this.environments = environments;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    /** What applying the file would do; changes nothing. */
    public InventoryPlan plan(InventoryFile file, String source) {
        return new Planning(file, clock.instant()).plan(source, true);
    }

    /** Applies the file, or refuses all of it (nothing recorded) when any entry is invalid. */
    public synchronized InventoryPlan apply(InventoryFile file, String source, Actor actor) {
        Planning planning = new Planning(file, clock.instant());
        InventoryPlan plan = planning.plan(source, false);
        for (Object command : planning.commands) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(Actor.METADATA_KEY, actor.name())));
        }
        return plan;
    }

    private Optional<DeclaredEnvironment> declared(String id) {
        ResultMessage<DeclaredEnvironment> result = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> environments.load(id).invoke(EnvironmentAggregate::declared));
        if (!result.isExceptional()) {
            return Optional.of(result.getPayload());
        }
        if (result.exceptionResult() instanceof AggregateNotFoundException) {
            return Optional.empty();
        }
        throw new IllegalStateException("cannot read environment '" + id + "' to plan the inventory",
                result.exceptionResult());
    }

    /** One pass over the file: the plan, and the commands that carry it out. */
    private final class Planning {

        private final InventoryFile file;
        private final Instant now;
        private final List<Object> commands = new ArrayList<>();

        Planning(InventoryFile file, Instant now) {
            this.file = file;
            this.now = now;
        }

        InventoryPlan plan(String source, boolean dryRun) {
            validate();
            List<InventoryPlan.Item> items = new ArrayList<>();
            Set<String> inFile = new HashSet<>();
            for (InventoryFile.Entry entry : file.environments()) {
                inFile.add(entry.id());
                items.add(declared(entry.id()).map(existing -> change(entry, existing)).orElseGet(() -> register(entry)));
            }
            for (EnvironmentView view : known()) {
                if (!inFile.contains(view.id().value())) {
                    items.add(new InventoryPlan.Item(view.id().value(), InventoryPlan.Action.NOT_IN_FILE, List.of(),
                            List.of(view.retired() ? "retired" : "kept: a file never retires an environment; "
                                    + "retire it with POST /api/environments/" + view.id() + "/retire")));
                }
            }
            return new InventoryPlan(source, dryRun, items);
        }

        /** Every entry checked by the environment's own rules before anything is sent. */
        private void validate() {
            List<FieldError> errors = new ArrayList<>();
            Map<String, Integer> ids = new HashMap<>();
            Map<String, Integer> names = new HashMap<>();
            for (int i = 0; i < file.environments().size(); i++) {
                InventoryFile.Entry e = file.environments().get(i);
                String at = "environments[" + i + "].";
                if (e == null) {
                    errors.add(new FieldError("environments[" + i + "]", "is empty."));
                    continue;
                }
                EnvironmentRules.ofRegistration(e.id(), e.displayName(), e.purpose(), e.region(), e.drRegion(),
                        e.dr(), e.configuration(), e.targets())
                        .forEach(error -> errors.add(new FieldError(at + error.field(), error.message())));
                Integer sameId = e.id() == null ? null : ids.putIfAbsent(e.id(), i);
                if (sameId != null) {
                    errors.add(new FieldError(at + "id", "'" + e.id() + "' is environments[" + sameId + "] too."));
                }
                Integer sameName = e.displayName() == null ? null
                        : names.putIfAbsent(e.displayName().strip().toLowerCase(), i);
                if (sameName != null) {
                    errors.add(new FieldError(at + "displayName", "'" + e.displayName() + "' names environments["
                            + sameName + "] too (ignoring case)."));
                }
                for (int b = 0; b < e.backups().size(); b++) {
                    InventoryFile.Backup backup = e.backups().get(b);
                    String field = at + "backups[" + b + "]";
                    if (backup == null || backup.backupId() == null || backup.backupId().isBlank()) {
                        errors.add(new FieldError(field + ".backupId", "is required."));
                    } else if (backup.takenAt() == null && backup.takenAgo() == null) {
                        errors.add(new FieldError(field + ".takenAt", "is required (or takenAgo, for demos)."));
                    } else if (backup.takenAt() != null && backup.takenAgo() != null) {
                        errors.add(new FieldError(field + ".takenAgo", "goes with no takenAt: give one of the two."));
                    } else if (backup.takenAt(now).isAfter(now)) {
                        errors.add(new FieldError(field + ".takenAt", "is in the future."));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInventoryException(errors);
            }
        }

        private InventoryPlan.Item register(InventoryFile.Entry e) {
            EnvironmentId id = EnvironmentId.of(e.id());
            commands.add(new RegisterEnvironmentCommand(id, e.displayName(), e.purpose(), e.region(), e.drRegion(),
                    e.dr(), e.configuration(), e.targets()));
            List<String> changes = new ArrayList<>(List.of("registered" + (e.dr() ? ", DR enabled to " + e.drRegion() : "")));
            int backups = backups(id, e, null, b -> false);
            if (backups > 0) {
                changes.add(backups + (backups == 1 ? " backup" : " backups") + " recorded");
            }
            return new InventoryPlan.Item(e.id(), InventoryPlan.Action.REGISTER, changes, List.of());
        }

        private InventoryPlan.Item change(InventoryFile.Entry e, DeclaredEnvironment d) {
            List<String> changes = new ArrayList<>();
            List<String> notApplied = new ArrayList<>();
            if (d.retired()) {
                return new InventoryPlan.Item(e.id(), InventoryPlan.Action.RETIRED, List.of(),
                        List.of("retired: a retired environment is not changed"));
            }
            if (!d.displayName().equals(e.displayName().strip())) {
                notApplied.add("displayName: '" + e.displayName() + "' in the file, '" + d.displayName()
                        + "' in Rehearsal; an environment is not renamed");
            }
            if (d.purpose() != e.purpose()) {
                notApplied.add("purpose: " + e.purpose() + " in the file, " + d.purpose() + " in Rehearsal; "
                        + "the purpose is not changed");
            }
            // a failover swaps region and DR region: the file's pair read either way round is the same environment
            boolean movedByFailover = e.region().equals(d.drRegion()) && !e.region().equals(d.region());
            // a file that names no DR region keeps the one Rehearsal holds, as the DR command does
            String wantedDrRegion = movedByFailover || e.drRegion() == null ? d.drRegion() : e.drRegion();
            if (movedByFailover && !Objects.equals(e.drRegion(), d.region())) {
                notApplied.add("drRegion: a failover moved the environment to " + d.region()
                        + "; change its DR region with PUT /api/environments/" + e.id() + "/dr");
                wantedDrRegion = d.drRegion();
            } else if (!movedByFailover && !e.region().equals(d.region())) {
                notApplied.add("region: " + e.region() + " in the file, " + d.region() + " in Rehearsal; "
                        + "only a failover moves an environment");
            }
            if (e.dr() != d.drEnabled() || !Objects.equals(wantedDrRegion, d.drRegion())) {
                commands.add(new ChangeDisasterRecoveryCommand(d.id(), e.dr(), wantedDrRegion));
                changes.add("DR " + (e.dr() ? "enabled to " + wantedDrRegion : "disabled"));
            }
            if (!e.configuration().equals(d.configuration())) {
                // the network the file declares is where the environment started; after a failover it runs elsewhere
                boolean networkDeclaredAsBefore = e.configuration().network().equals(d.configuration().network());
                EnvironmentConfiguration wanted = networkDeclaredAsBefore
                        ? e.configuration().withNetwork(d.currentNetwork()) : e.configuration();
                commands.add(new ChangeEnvironmentConfigurationCommand(d.id(), wanted));
                changes.add("configuration");
            }
            if (!e.targets().equals(d.targets())) {
                commands.add(new ChangeEnvironmentTargetsCommand(d.id(), e.targets()));
                changes.add("targets");
            }
            int backups = backups(d.id(), e, d.lastBackup() == null ? null : d.lastBackup().takenAt(), d.hasBackup());
            if (backups > 0) {
                changes.add(backups + (backups == 1 ? " backup" : " backups") + " recorded");
            }
            return new InventoryPlan.Item(e.id(), changes.isEmpty() ? InventoryPlan.Action.UNCHANGED
                    : InventoryPlan.Action.CHANGE, changes, notApplied);
        }

        /** The file's backups Rehearsal does not hold yet, oldest first; those older than the last one as late. */
        private int backups(EnvironmentId id, InventoryFile.Entry e, Instant last,
                            java.util.function.Predicate<String> known) {
            int recorded = 0;
            List<InventoryFile.Backup> sorted = e.backups().stream()
                    .sorted(Comparator.comparing(b -> b.takenAt(now))).toList();
            for (InventoryFile.Backup backup : sorted) {
                if (known.test(backup.backupId())) {
                    continue;
                }
                Instant at = backup.takenAt(now);
                boolean late = last != null && !at.isAfter(last);
                commands.add(new RecordBackupCommand(id, backup.backupId(), at, late));
                last = late ? last : at;
                recorded++;
            }
            return recorded;
        }

        private List<EnvironmentView> known() {
            try {
                return queries.query(new FindEnvironmentsQuery(), EnvironmentList.class).get(30, TimeUnit.SECONDS)
                        .environments();
            } catch (Exception e) {
                return List.of(); // the listing of what the file leaves out is a courtesy; the plan stands without it
            }
        }
    }
}
