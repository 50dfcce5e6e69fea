package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.Actor;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentList;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FindEnvironmentsQuery;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.command.RehearsalProperties;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class SimulatedBackupsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aRoundBacksUpEveryAvailableDrEnabledEnvironmentAndNoOther() {
        QueryGateway queries = mock(QueryGateway.class);
        CommandGateway commands = mock(CommandGateway.class);
        when(queries.query(any(FindEnvironmentsQuery.class), eq(EnvironmentList.class)))
                .thenReturn(CompletableFuture.completedFuture(new EnvironmentList(List.of(
                        env("ready", true, true), env("in-test", true, false), env("no-dr", false, true)))));
        SimulatedBackups backups = new SimulatedBackups(commands, queries, Clock.fixed(NOW, ZoneOffset.UTC),
                new RehearsalProperties(Path.of("unused"), null, new RehearsalProperties.Infrastructure("simulated"),
                        new RehearsalProperties.Simulator(1, Duration.ofMinutes(5), ""), new RehearsalProperties.Demo(true),
                        new RehearsalProperties.Failover(null, null),
                        new RehearsalProperties.Script(null, org.springframework.util.unit.DataSize.ofKilobytes(64)),
                        new RehearsalProperties.Notifications(java.util.List.of(), "rehearsal@localhost", java.time.Duration.ofHours(1)),
                        new RehearsalProperties.Mail(null), new RehearsalProperties.Inventory(null)));

        backups.takeBackups();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(commands, times(1)).send(sent.capture());
        RecordBackupCommand backup = (RecordBackupCommand) sent.getValue().getPayload();
        assertThat(backup.environmentId()).isEqualTo(EnvironmentId.of("ready"));
        assertThat(backup.takenAt()).isEqualTo(NOW);
        assertThat(sent.getValue().getMetaData()).containsEntry(Actor.METADATA_KEY, Actor.SYSTEM.name());
    }

    private static EnvironmentView env(String id, boolean drEnabled, boolean available) {
        return new EnvironmentView(EnvironmentId.of(id), id, Purpose.PRE_PRODUCTION, "eu-west-1",
                drEnabled ? "eu-central-1" : null, drEnabled, available, null, null, null, null, false, null, 0);
    }
}
