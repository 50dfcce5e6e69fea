package io.rehearsal.command.demo;

import io.rehearsal.api.Actor;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.EnableDisasterRecoveryCommand;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.ExternalConnection;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.api.RegisterEnvironmentCommand;
import io.rehearsal.api.Targets;
import io.rehearsal.command.RehearsalProperties;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Loads a demo inventory into an empty event store, so a newcomer has environments to test on first start:
 * different purposes, sizes and regions, DR enabled on most, each with a recent backup.
 */
@Component
@Order(0)
class DemoInventory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoInventory.class);

    private final EventStore eventStore;
    private final CommandGateway commands;
    private final RehearsalProperties properties;
    private final Clock clock;

    DemoInventory(EventStore eventStore, CommandGateway commands, RehearsalProperties properties, Clock clock) {
        this.eventStore = eventStore;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!properties.demo().enabled() || !storeIsEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (DemoEnvironment env : environments()) {
            send(new RegisterEnvironmentCommand(env.id, env.name, env.purpose, env.region, env.configuration,
                    env.targets));
            if (env.drRegion != null) {
                send(new EnableDisasterRecoveryCommand(env.id, env.drRegion));
            }
            send(new RecordBackupCommand(env.id, "bkp-" + env.id + "-initial", now.minus(env.backupAge)));
        }
        log.info("Loaded the demo inventory: {} environments", environments().size());
    }

    private boolean storeIsEmpty() throws Exception {
        try (BlockingStream<? extends Message<?>> stream = eventStore.openStream(null)) {
            return !stream.hasNextAvailable();
        }
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actor.METADATA_KEY, Actor.SYSTEM.name())));
    }

    private record DemoEnvironment(EnvironmentId id, String name, Purpose purpose, String region, String drRegion,
                                   EnvironmentConfiguration configuration, Targets targets, Duration backupAge) {
    }

    private static List<DemoEnvironment> environments() {
        return List.of(
                new DemoEnvironment(EnvironmentId.of("acme-preprod"), "ACME Pre-Production", Purpose.PRE_PRODUCTION,
                        "eu-west-1", "eu-central-1",
                        configuration("postgres", "16.4", "db.r6g.large", 200, 2, "m6i.large", 50, "10.20.0.0/16",
                                true, false, true, List.of("203.0.113.0/24", "198.51.100.7/32"),
                                List.of(new ExternalConnection("reporting-db", "postgres", "reporting.acme.internal"))),
                        targets(4, 24, 365), Duration.ofMinutes(42)),
                new DemoEnvironment(EnvironmentId.of("acme-prod"), "ACME Production", Purpose.PRODUCTION,
                        "eu-west-1", "eu-central-1",
                        configuration("postgres", "16.4", "db.r6g.2xlarge", 1000, 6, "m6i.2xlarge", 100, "10.10.0.0/16",
                                true, false, true, List.of("203.0.113.0/24"),
                                List.of(new ExternalConnection("erp", "oracle", "erp.acme.internal"),
                                        new ExternalConnection("reporting-db", "postgres", "reporting.acme.internal"))),
                        targets(2, 4, 180), Duration.ofMinutes(11)),
                new DemoEnvironment(EnvironmentId.of("globex-staging"), "Globex Staging", Purpose.PRE_PRODUCTION,
                        "us-east-1", "us-west-2",
                        configuration("sqlserver", "2022", "db.m6i.xlarge", 500, 3, "c6i.xlarge", 80, "172.16.0.0/20",
                                true, false, false, List.of(), List.of()),
                        targets(8, 24, 365), Duration.ofMinutes(95)),
                new DemoEnvironment(EnvironmentId.of("umbrella-qa"), "Umbrella QA", Purpose.PRE_PRODUCTION,
                        "ca-central-1", "us-east-2",
                        configuration("postgres", "15.8", "db.t4g.large", 100, 1, "t3.large", 40, "10.60.0.0/16",
                                false, true, true, List.of("192.0.2.0/24"),
                                List.of(new ExternalConnection("lab-results", "mysql", "lab.umbrella.internal"))),
                        targets(12, 24, 365), Duration.ofMinutes(27)),
                new DemoEnvironment(EnvironmentId.of("stark-portal-preprod"), "Stark Portal Pre-Production",
                        Purpose.PRE_PRODUCTION, "us-west-2", "us-east-1",
                        configuration("mysql", "8.0.39", "db.r6g.xlarge", 300, 4, "m6i.xlarge", 60, "10.30.0.0/16",
                                true, false, true, List.of("198.51.100.0/24"), List.of()),
                        targets(4, 12, 180), Duration.ofMinutes(63)),
                new DemoEnvironment(EnvironmentId.of("initech-dev"), "Initech Development", Purpose.DEVELOPMENT,
                        "ap-southeast-2", null,
                        configuration("postgres", "16.4", "db.t4g.medium", 50, 1, "t3.medium", 30, "10.90.0.0/16",
                                false, false, false, List.of(), List.of()),
                        targets(24, 48, 730), Duration.ofMinutes(180)));
    }

    private static EnvironmentConfiguration configuration(String engine, String version, String dbClass, int dbGb,
                                                          int frontEnds, String feType, int feGb, String cidr,
                                                          boolean sentry, boolean hipaa, boolean logSeparation,
                                                          List<String> waf, List<ExternalConnection> connections) {
        return new EnvironmentConfiguration(new DatabaseConfiguration(engine, version, dbClass, dbGb),
                new FrontEndConfiguration(frontEnds, feType, feGb), new NetworkConfiguration(cidr),
                new KeptConfiguration(sentry, hipaa, logSeparation, waf, connections));
    }

    private static Targets targets(int rtoHours, int rpoHours, int intervalDays) {
        return new Targets(Duration.ofHours(rtoHours), Duration.ofHours(rpoHours), intervalDays);
    }
}
