package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.Actor;
import io.rehearsal.api.EnvironmentList;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FindEnvironmentsQuery;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.command.RehearsalProperties;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated backup system: every interval (scaled by the simulator's speed, never below ten seconds) it
 * records a fresh backup of each available DR-enabled environment, as a real provider's backups would.
 */
@Component
@ConditionalOnProperty(name = "rehearsal.infrastructure.provider", havingValue = "simulated", matchIfMissing = true)
class SimulatedBackups implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SimulatedBackups.class);
    private static final Duration FLOOR = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    SimulatedBackups(CommandGateway commands, QueryGateway queries, Clock clock, RehearsalProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        Duration scaled = Duration.ofNanos((long) (properties.simulator().backupInterval().toNanos()
                / properties.simulator().speed()));
        this.interval = properties.simulator().backupInterval().isZero() ? Duration.ZERO
                : scaled.compareTo(FLOOR) < 0 ? FLOOR : scaled;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero()) {
            return; // turned off (rehearsal.simulator.backup-interval=0): backups come from the API only
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "simulated-backups"));
        scheduler.scheduleWithFixedDelay(this::takeBackups, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void takeBackups() {
        try {
            Instant now = clock.instant();
            EnvironmentList environments = queries.query(new FindEnvironmentsQuery(), EnvironmentList.class)
                    .get(30, TimeUnit.SECONDS);
            for (EnvironmentView env : environments.environments()) {
                if (env.drEnabled() && env.available() && !env.retired()) {
                    commands.send(GenericCommandMessage.asCommandMessage(new RecordBackupCommand(env.id(),
                                    "bkp-" + env.id() + "-" + now.toEpochMilli(), now))
                            .andMetaData(Map.of(Actor.METADATA_KEY, Actor.SYSTEM.name())));
                }
            }
        } catch (Exception e) {
            log.warn("Simulated backups skipped a round: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
