package io.rehearsal.benchmark;

import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.command.AggregateCaches;
import org.axonframework.common.caching.Cache;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An environment's stream as backups accumulate for years: recording one more backup (which loads the environment)
 * on an environment holding ten backups and, side by side, on one holding {@code backups}. The long stream is
 * seeded by appending its events directly (a backup tool would take years); the first command on it replays them
 * all and leaves the snapshot every later load starts from.
 */
final class EnvironmentStream {

    record Result(int backups, List<Double> fewMillis, List<Double> manyMillis, double firstLoadMillis,
                  long snapshotBytes) {
    }

    private static final int FEW = 10;
    private static final int BATCH = 2_000;

    static Result run(BenchApp app, int backups, int samples) throws Exception {
        List<EnvironmentId> ids = app.registerEnvironments(2); // each with one backup already: sequences 0 to 2
        EnvironmentId few = ids.get(0);
        EnvironmentId many = ids.get(1);
        CommandGateway commands = app.bean(CommandGateway.class);
        // after the backup each was registered with (20 minutes ago), a millisecond apart
        Instant start = Instant.now().minus(Duration.ofMinutes(19));
        for (int i = 1; i < FEW; i++) {
            record(commands, few, "few-" + i, start.plusMillis(i));
        }
        EventStore eventStore = app.bean(EventStore.class);
        long sequence = eventStore.lastSequenceNumberFor(many.value()).orElseThrow() + 1;
        List<GenericDomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 1; i < backups; i++) {
            batch.add(new GenericDomainEventMessage<>("Environment", many.value(), sequence++,
                    new BackupRecordedEvent(many, "many-" + i, start.plusMillis(i)), MetaData.with("actor", "bench")));
            if (batch.size() == BATCH || i == backups - 1) {
                eventStore.publish(new ArrayList<>(batch));
                batch.clear();
            }
        }
        // written past the command model, so the environment the registration left in the aggregate cache is stale:
        // the first command loads it from the store, as after a restart
        app.bean(AggregateCaches.ENVIRONMENTS, Cache.class).remove(many.value());
        app.awaitProcessorsIdle();

        Instant next = Instant.now().minus(Duration.ofMinutes(10));
        long began = System.nanoTime();
        record(commands, many, "first-load", next);
        double firstLoad = (System.nanoTime() - began) / 1e6;
        JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
        String countSnapshots = "SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?";
        BenchApp.await("the snapshot of " + many, Duration.ofMinutes(2),
                () -> jdbc.queryForObject(countSnapshots, Long.class, many.value()) > 0);
        long snapshotBytes = jdbc.queryForObject(
                "SELECT OCTET_LENGTH(payload) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                Long.class, many.value());
        app.awaitProcessorsIdle();

        List<Double> fewMillis = new ArrayList<>();
        List<Double> manyMillis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            next = next.plusSeconds(1);
            fewMillis.add(timed(commands, few, "few-sample-" + i, next));
            manyMillis.add(timed(commands, many, "many-sample-" + i, next));
        }
        return new Result(backups, fewMillis, manyMillis, firstLoad, snapshotBytes);
    }

    private static double timed(CommandGateway commands, EnvironmentId id, String backupId, Instant at)
            throws Exception {
        long began = System.nanoTime();
        record(commands, id, backupId, at);
        return (System.nanoTime() - began) / 1e6;
    }

    private static void record(CommandGateway commands, EnvironmentId id, String backupId, Instant at)
            throws Exception {
        BenchApp.send(commands, new RecordBackupCommand(id, backupId, at)).get(2, TimeUnit.MINUTES);
    }

    private EnvironmentStream() {
    }
}
