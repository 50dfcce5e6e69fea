package io.rehearsal.command.environment;

import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DisasterRecoveryEnabledEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnableDisasterRecoveryCommand;
import io.rehearsal.api.EnvironmentRegisteredEvent;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.EnvironmentReservedForTestEvent;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.api.RegisterEnvironmentCommand;
import io.rehearsal.api.RelocateEnvironmentCommand;
import io.rehearsal.command.drtest.FailoverRejectedException;
import io.rehearsal.command.drtest.Precondition;
import io.rehearsal.command.drtest.PreconditionCatalog;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;

import static io.rehearsal.command.environment.SampleEnvironment.CONFIGURATION;
import static io.rehearsal.command.environment.SampleEnvironment.DR_REGION;
import static io.rehearsal.command.environment.SampleEnvironment.ID;
import static io.rehearsal.command.environment.SampleEnvironment.NAME;
import static io.rehearsal.command.environment.SampleEnvironment.REGION;
import static io.rehearsal.command.environment.SampleEnvironment.TARGETS;
import static io.rehearsal.command.environment.SampleEnvironment.backupRecorded;
import static io.rehearsal.command.environment.SampleEnvironment.drEnabled;
import static io.rehearsal.command.environment.SampleEnvironment.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class EnvironmentAggregateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Instant REGISTERED_AT = NOW.minus(Duration.ofDays(30));
    private static final BackupRef BACKUP = new BackupRef("bkp-acme-preprod-1", NOW.minus(Duration.ofHours(1)));
    private static final DrTestId TEST = DrTestId.of("8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10");
    private static final DrTestId OTHER_TEST = DrTestId.of("1c9e0b7d-2f44-4e6a-8d3b-5a7c9e1f2b30");
    private static final NetworkConfiguration NEW_NETWORK = new NetworkConfiguration("10.121.0.0/16");
    private static final Set<String> ALL_PRECONDITIONS = PreconditionCatalog.DEFAULTS.stream()
            .map(Precondition::id).collect(Collectors.toSet());

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private FixtureConfiguration<EnvironmentAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EnvironmentAggregate.class);
        fixture.registerInjectableResource(clock);
    }

    @Test
    void recordsRegistrationWithItsConfigurationAtTheCurrentTime() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEnvironmentCommand(ID, NAME, Purpose.PRE_PRODUCTION, REGION, CONFIGURATION, TARGETS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EnvironmentRegisteredEvent(ID, NAME, Purpose.PRE_PRODUCTION, REGION, CONFIGURATION,
                        TARGETS, NOW));
    }

    @Test
    void rejectsRegistrationWithoutDisplayName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEnvironmentCommand(ID, "  ", Purpose.PRE_PRODUCTION, REGION, CONFIGURATION, TARGETS))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("display name is required"))
                .expectNoEvents();
    }

    @Test
    void enablesDisasterRecoveryInAnotherRegion() {
        fixture.given(registered(REGISTERED_AT))
                .when(new EnableDisasterRecoveryCommand(ID, DR_REGION))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DisasterRecoveryEnabledEvent(ID, DR_REGION));
    }

    @Test
    void rejectsDrRegionEqualToTheCurrentRegion() {
        fixture.given(registered(REGISTERED_AT))
                .when(new EnableDisasterRecoveryCommand(ID, REGION))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("must differ from the region the environment runs in ("
                        + REGION + ")"))
                .expectNoEvents();
    }

    @Test
    void recordsNothingWhenDrIsEnabledAgainInTheSameRegion() {
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new EnableDisasterRecoveryCommand(ID, DR_REGION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsAChangeOfDrRegion() {
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new EnableDisasterRecoveryCommand(ID, "eu-north-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DisasterRecoveryEnabledEvent(ID, "eu-north-1"));
    }

    @Test
    void recordsTheFirstBackup() {
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new RecordBackupCommand(ID, BACKUP.backupId(), BACKUP.takenAt()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BackupRecordedEvent(ID, BACKUP.backupId(), BACKUP.takenAt()));
    }

    @Test
    void recordsANewerBackup() {
        Instant later = BACKUP.takenAt().plus(Duration.ofMinutes(5));
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP))
                .when(new RecordBackupCommand(ID, "bkp-acme-preprod-2", later))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new BackupRecordedEvent(ID, "bkp-acme-preprod-2", later));
    }

    @Test
    void ignoresABackupOlderThanTheLastOne() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP))
                .when(new RecordBackupCommand(ID, "bkp-acme-preprod-0", BACKUP.takenAt().minusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void ignoresTheLastBackupRecordedAgain() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP))
                .when(new RecordBackupCommand(ID, BACKUP.backupId(), BACKUP.takenAt()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void relocationSwapsRegionAndDrRegionAndCarriesTheNewNetwork() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP), reserved(TEST))
                .when(new RelocateEnvironmentCommand(ID, TEST, NEW_NETWORK))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EnvironmentRelocatedEvent(ID, TEST, DR_REGION, REGION, NEW_NETWORK, NOW));
    }

    @Test
    void relocatedEnvironmentIsFreeForTheNextTestInItsNewRegionWithItsNewNetwork() {
        EnvironmentStore store = new EnvironmentStore(clock);
        store.append(ID, registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP), reserved(TEST),
                new EnvironmentRelocatedEvent(ID, TEST, DR_REGION, REGION, NEW_NETWORK, NOW));

        FailoverTerms terms = DefaultUnitOfWork.startAndGet(null).executeWithResult(
                () -> store.reservations().reserve(ID, OTHER_TEST, ALL_PRECONDITIONS, NAME)).getPayload();

        assertThat(terms.sourceRegion()).isEqualTo(DR_REGION);
        assertThat(terms.drRegion()).isEqualTo(REGION);
        assertThat(terms.configuration()).isEqualTo(CONFIGURATION.withNetwork(NEW_NETWORK));
        assertThat(store.events(ID)).last().isEqualTo(new EnvironmentReservedForTestEvent(ID, OTHER_TEST, NOW));
    }

    @Test
    void relocationForAnotherTestRecordsNothing() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP), reserved(TEST))
                .when(new RelocateEnvironmentCommand(ID, OTHER_TEST, NEW_NETWORK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void redeliveredRelocationRecordsNothing() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP), reserved(TEST),
                        new EnvironmentRelocatedEvent(ID, TEST, DR_REGION, REGION, NEW_NETWORK, NOW))
                .when(new RelocateEnvironmentCommand(ID, TEST, NEW_NETWORK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /*
     * The test recorded its DR region when it started and the infrastructure moves the environment there, but
     * the relocation takes the aggregate's current DR region: a DR region changed mid-test would record the
     * environment in a region it never moved to. Either the change is refused while a test runs (checked
     * here), or the relocation command carries the region the test moved it to.
     */
    @Test
    void rejectsDrRegionChangeWhileATestRuns() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP), reserved(TEST))
                .when(new EnableDisasterRecoveryCommand(ID, "eu-north-1"))
                .expectException(FailoverRejectedException.class)
                .expectNoEvents();
    }

    private static EnvironmentReservedForTestEvent reserved(DrTestId testId) {
        return new EnvironmentReservedForTestEvent(ID, testId, NOW.minus(Duration.ofMinutes(10)));
    }
}
