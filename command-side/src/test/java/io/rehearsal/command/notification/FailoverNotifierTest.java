package io.rehearsal.command.notification;

import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.RehearsalProperties;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.rehearsal.command.environment.SampleEnvironment.CONFIGURATION;
import static io.rehearsal.command.environment.SampleEnvironment.DR_REGION;
import static io.rehearsal.command.environment.SampleEnvironment.ID;
import static io.rehearsal.command.environment.SampleEnvironment.NAME;
import static io.rehearsal.command.environment.SampleEnvironment.REGION;
import static io.rehearsal.command.environment.SampleEnvironment.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

class FailoverNotifierTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final DrTestId TEST = DrTestId.of("2b8e4f1a-9c3d-4e5f-a6b7-c8d9e0f1a2b3");

    @TempDir
    Path data;

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @BeforeEach
    void testExists() {
        FailoverStartedEvent started = new FailoverStartedEvent(TEST, ID, NAME, Actor.of("operator"),
                NOW.minusSeconds(600), "annual", Set.of("unavailable"), REGION, DR_REGION,
                new BackupRef("bkp-1", NOW.minusSeconds(3600)), Duration.ofMinutes(50), CONFIGURATION, TARGETS);
        eventStore.publish(new GenericDomainEventMessage<>("DrTest", TEST.value(), 0, started));
    }

    @Test
    void aCompletedTestIsMailedOnceEvenWhenItsEventComesAgainAfterARestart() throws Exception {
        FailoverCompletedEvent completed = new FailoverCompletedEvent(TEST, ID, NOW.minusSeconds(5), Duration.ofSeconds(595));
        try (FailoverNotifier notifier = notifier()) {
            notifier.on(completed, 19, NOW.minusSeconds(5));
            notifier.on(completed, 19, NOW.minusSeconds(5));
        }
        try (FailoverNotifier restarted = notifier()) {
            restarted.on(completed, 19, NOW.minusSeconds(5));
        }

        List<Path> mails = outbox();
        assertThat(mails).hasSize(1);
        String mail = Files.readString(mails.get(0));
        assertThat(mail).contains("Subject: DR test of " + NAME + " completed", "To: dr-team@example.test",
                TEST.value(), "Recreate the VPN (self-service)", "Started by operator");
    }

    @Test
    void aFailedTestIsMailedWithTheStepAndTheReason() throws Exception {
        try (FailoverNotifier notifier = notifier()) {
            notifier.on(new FailoverFailedEvent(TEST, ID, FailoverStep.VERIFY, "VERIFY gave up after 3 of 3 attempts",
                    NOW.minusSeconds(1)), 12, NOW.minusSeconds(1));
        }
        String mail = Files.readString(outbox().get(0));
        assertThat(mail).contains("Subject: DR test of " + NAME + " FAILED at VERIFY", "gave up after 3 of 3 attempts");
    }

    @Test
    void anEventOlderThanTheMaximumAgeIsNotMailed() throws Exception {
        try (FailoverNotifier notifier = notifier()) {
            notifier.on(new FailoverCompletedEvent(TEST, ID, NOW.minus(Duration.ofDays(3)), Duration.ofSeconds(595)),
                    19, NOW.minus(Duration.ofDays(3)));
        }
        assertThat(outbox()).isEmpty();
    }

    private FailoverNotifier notifier() {
        RehearsalProperties properties = new RehearsalProperties(data, null,
                new RehearsalProperties.Infrastructure("simulated"),
                new RehearsalProperties.Simulator(1, Duration.ofMinutes(5), ""), new RehearsalProperties.Demo(true),
                new RehearsalProperties.Failover(null, null), new RehearsalProperties.Script(null, DataSize.ofKilobytes(64)),
                new RehearsalProperties.Notifications(List.of("dr-team@example.test"), "rehearsal@localhost",
                        Duration.ofHours(1)),
                new RehearsalProperties.Mail(null), new RehearsalProperties.Inventory(null));
        return new FailoverNotifier(new OutboxTransport(data.resolve("outbox")), eventStore, properties,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<Path> outbox() throws Exception {
        Path dir = data.resolve("outbox");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }
}
