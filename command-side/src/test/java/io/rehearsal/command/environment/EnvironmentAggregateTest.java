package io.rehearsal.command.environment;

import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DisasterRecoveryEnabledEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.ChangeDisasterRecoveryCommand;
import io.rehearsal.api.ChangeEnvironmentConfigurationCommand;
import io.rehearsal.api.ChangeEnvironmentTargetsCommand;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DisasterRecoveryDisabledEvent;
import io.rehearsal.api.DrRegionChangedEvent;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentConfigurationChangedEvent;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRetiredEvent;
import io.rehearsal.api.EnvironmentTargetsChangedEvent;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.RetireEnvironmentCommand;
import io.rehearsal.api.Targets;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<String, EnvironmentId> names = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EnvironmentAggregate.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource((DisplayNames) name -> Optional.ofNullable(names.get(name.toLowerCase())));
    }

    @Test
    void recordsRegistrationWithItsConfigurationAtTheCurrentTime() {
        fixture.givenNoPriorActivity()
                .when(register(NAME, REGION, DR_REGION, false, CONFIGURATION, TARGETS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EnvironmentRegisteredEvent(ID, NAME, Purpose.PRE_PRODUCTION, REGION, CONFIGURATION,
                        TARGETS, NOW, DR_REGION));
    }

    @Test
    void registrationWithDrEnabledRecordsBothInOneGo() {
        fixture.givenNoPriorActivity()
                .when(register(NAME, REGION, DR_REGION, true, CONFIGURATION, TARGETS))
                .expectEvents(new EnvironmentRegisteredEvent(ID, NAME, Purpose.PRE_PRODUCTION, REGION, CONFIGURATION,
                        TARGETS, NOW, DR_REGION), new DisasterRecoveryEnabledEvent(ID, DR_REGION));
    }

    @Test
    void rejectsRegistrationListingEveryInvalidField() {
        EnvironmentConfiguration bad = new EnvironmentConfiguration(
                new DatabaseConfiguration("postgres", "16.4", "db.r6g.large", 0),
                new FrontEndConfiguration(0, "m6i.large", 50),
                new NetworkConfiguration("8.8.0.0/16"),
                new KeptConfiguration(true, false, true, List.of("203.0.113.0/24", "not-a-cidr"), List.of()));
        fixture.givenNoPriorActivity()
                .when(new RegisterEnvironmentCommand(ID, "  ", null, REGION, REGION, true, bad,
                        new Targets(Duration.ZERO, Duration.ofHours(1), 365)))
                .expectException(refusedFor("displayName", "is required"))
                .expectException(refusedFor("purpose", "PRODUCTION, PRE_PRODUCTION or DEVELOPMENT"))
                .expectException(refusedFor("drRegion", "must differ from the region"))
                .expectException(refusedFor("configuration.database.storageGb", "is 0 GB"))
                .expectException(refusedFor("configuration.frontEnds.count", "1 to 1000 front-ends"))
                .expectException(refusedFor("configuration.network.vpcCidr", "not a private range"))
                .expectException(refusedFor("configuration.kept.wafIpRules[1]", "no IPv4 CIDR block"))
                .expectException(refusedFor("targets.rto", "longer than zero"))
                .expectNoEvents();
    }

    @Test
    void rejectsANetworkThatIsNoCidrBlockOrHasHostBitsSet() {
        fixture.givenNoPriorActivity()
                .when(register(NAME, REGION, DR_REGION, true, CONFIGURATION.withNetwork(new NetworkConfiguration("10.20.0.0")), TARGETS))
                .expectException(refusedFor("configuration.network.vpcCidr", "no IPv4 CIDR block"));
        fixture.givenNoPriorActivity()
                .when(register(NAME, REGION, DR_REGION, true, CONFIGURATION.withNetwork(new NetworkConfiguration("10.20.1.0/16")), TARGETS))
                .expectException(refusedFor("configuration.network.vpcCidr", "the block is 10.20.0.0/16"));
    }

    @Test
    void rejectsAnIdThatIsNoSlugOfThreeTo63Characters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEnvironmentCommand(EnvironmentId.of("ab"), NAME, Purpose.PRE_PRODUCTION, REGION,
                        DR_REGION, true, CONFIGURATION, TARGETS))
                .expectException(refusedFor("id", "3 to 63 lowercase letters"));
    }

    @Test
    void rejectsDrEnabledWithoutADrRegion() {
        fixture.givenNoPriorActivity()
                .when(register(NAME, REGION, null, true, CONFIGURATION, TARGETS))
                .expectException(refusedFor("drRegion", "is required to enable DR"));
    }

    @Test
    void rejectsADisplayNameAnotherActiveEnvironmentHasIgnoringCase() {
        names.put("acme production", EnvironmentId.of("acme-prod"));
        fixture.givenNoPriorActivity()
                .when(register("ACME Production", REGION, DR_REGION, true, CONFIGURATION, TARGETS))
                .expectException(refusedFor("displayName", "is the name of environment 'acme-prod'"))
                .expectNoEvents();
    }

    @Test
    void changesTheConfigurationAndRecordsNothingWhenItIsTheSame() {
        EnvironmentConfiguration bigger = new EnvironmentConfiguration(
                new DatabaseConfiguration("postgres", "16.4", "db.r6g.xlarge", 400), CONFIGURATION.frontEnds(),
                CONFIGURATION.network(), CONFIGURATION.kept());
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new ChangeEnvironmentConfigurationCommand(ID, bigger))
                .expectEvents(new EnvironmentConfigurationChangedEvent(ID, bigger, NOW));
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new ChangeEnvironmentConfigurationCommand(ID, CONFIGURATION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRunningTestKeepsItsConfigurationWhileTheEnvironmentTakesANewOne() {
        EnvironmentStore store = new EnvironmentStore(clock);
        store.append(ID, registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP));
        FailoverTerms first = DefaultUnitOfWork.startAndGet(null).executeWithResult(
                () -> store.reservations().reserve(ID, TEST, ALL_PRECONDITIONS, NAME)).getPayload();
        EnvironmentConfiguration changed = CONFIGURATION.withNetwork(new NetworkConfiguration("10.21.0.0/16"));
        store.append(ID, new EnvironmentConfigurationChangedEvent(ID, changed, NOW),
                new EnvironmentRelocatedEvent(ID, TEST, DR_REGION, REGION, NEW_NETWORK, NOW));

        FailoverTerms second = DefaultUnitOfWork.startAndGet(null).executeWithResult(
                () -> store.reservations().reserve(ID, OTHER_TEST, ALL_PRECONDITIONS, NAME)).getPayload();

        assertThat(first.configuration()).isEqualTo(CONFIGURATION);
        assertThat(second.configuration()).isEqualTo(changed.withNetwork(NEW_NETWORK));
    }

    @Test
    void changesTargetsAndRefusesAZeroRto() {
        Targets stricter = new Targets(Duration.ofHours(2), Duration.ofHours(12), 180);
        fixture.given(registered(REGISTERED_AT))
                .when(new ChangeEnvironmentTargetsCommand(ID, stricter))
                .expectEvents(new EnvironmentTargetsChangedEvent(ID, stricter, NOW));
        fixture.given(registered(REGISTERED_AT))
                .when(new ChangeEnvironmentTargetsCommand(ID, new Targets(Duration.ZERO, Duration.ofHours(1), 0)))
                .expectException(refusedFor("targets.rto", "longer than zero"))
                .expectException(refusedFor("targets.testIntervalDays", "test every 1 to 3650 days"))
                .expectNoEvents();
    }

    @Test
    void enablesDisasterRecoveryInAnotherRegion() {
        fixture.given(registered(REGISTERED_AT))
                .when(new ChangeDisasterRecoveryCommand(ID, true, DR_REGION))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DisasterRecoveryEnabledEvent(ID, DR_REGION));
    }

    @Test
    void rejectsDrRegionEqualToTheCurrentRegion() {
        fixture.given(registered(REGISTERED_AT))
                .when(new ChangeDisasterRecoveryCommand(ID, true, REGION))
                .expectException(refusedFor("drRegion", "must differ from the region the environment runs in ("
                        + REGION + ")"))
                .expectNoEvents();
    }

    @Test
    void recordsNothingWhenDrIsEnabledAgainInTheSameRegion() {
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new ChangeDisasterRecoveryCommand(ID, true, DR_REGION))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsAChangeOfDrRegion() {
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new ChangeDisasterRecoveryCommand(ID, true, "eu-north-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DisasterRecoveryEnabledEvent(ID, "eu-north-1"));
    }

    @Test
    void disablesDisasterRecoveryKeepingItsRegionAndRefusesTestsThen() {
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new ChangeDisasterRecoveryCommand(ID, false, null))
                .expectEvents(new DisasterRecoveryDisabledEvent(ID));
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new ChangeDisasterRecoveryCommand(ID, false, "eu-north-1"))
                .expectEvents(new DrRegionChangedEvent(ID, "eu-north-1"), new DisasterRecoveryDisabledEvent(ID));

        EnvironmentStore store = new EnvironmentStore(clock);
        store.append(ID, registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP),
                new DisasterRecoveryDisabledEvent(ID));
        assertThat(refusalOfATestOn(store)).hasMessage("Disaster recovery is not enabled on environment 'acme-preprod'.");
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
    void refusesABackupOlderThanTheLastOneUnlessReportedLate() {
        Instant earlier = BACKUP.takenAt().minusSeconds(60);
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP))
                .when(new RecordBackupCommand(ID, "bkp-acme-preprod-0", earlier))
                .expectException(refusedFor("takenAt", "send lateReport: true"))
                .expectNoEvents();
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP))
                .when(new RecordBackupCommand(ID, "bkp-acme-preprod-0", earlier, true))
                .expectEvents(new BackupRecordedEvent(ID, "bkp-acme-preprod-0", earlier, true));
    }

    @Test
    void aLateBackupLeavesTheLastBackupAsItWas() {
        EnvironmentStore store = new EnvironmentStore(clock);
        store.append(ID, registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP),
                new BackupRecordedEvent(ID, "bkp-acme-preprod-0", BACKUP.takenAt().minusSeconds(60), true));
        FailoverTerms terms = DefaultUnitOfWork.startAndGet(null).executeWithResult(
                () -> store.reservations().reserve(ID, TEST, ALL_PRECONDITIONS, NAME)).getPayload();
        assertThat(terms.backup()).isEqualTo(BACKUP);
    }

    @Test
    void refusesABackupTakenInTheFuture() {
        fixture.given(registered(REGISTERED_AT), drEnabled())
                .when(new RecordBackupCommand(ID, "bkp-tomorrow", NOW.plus(Duration.ofDays(1))))
                .expectException(refusedFor("takenAt", "in the future"))
                .expectNoEvents();
    }

    @Test
    void refusesASecondBackupUnderAnIdAlreadyUsed() {
        Instant later = BACKUP.takenAt().plus(Duration.ofMinutes(5));
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP),
                        new BackupRecordedEvent(ID, "bkp-acme-preprod-2", later))
                .when(new RecordBackupCommand(ID, BACKUP.backupId(), later.plusSeconds(60)))
                .expectException(refusedFor("backupId", "names a backup recorded before"))
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
    void retiresAnEnvironmentWhichThenTakesNoTestsChangesOrBackups() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP))
                .when(new RetireEnvironmentCommand(ID))
                .expectEvents(new EnvironmentRetiredEvent(ID, NOW));
        fixture.given(registered(REGISTERED_AT), drEnabled(), new EnvironmentRetiredEvent(ID, NOW))
                .when(new RecordBackupCommand(ID, "bkp-after", NOW))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("is retired; it records no more backups"));
        fixture.given(registered(REGISTERED_AT), drEnabled(), new EnvironmentRetiredEvent(ID, NOW))
                .when(new ChangeEnvironmentTargetsCommand(ID, TARGETS))
                .expectExceptionMessage(containsString("is retired; its targets cannot change"));

        EnvironmentStore store = new EnvironmentStore(clock);
        store.append(ID, registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP),
                new EnvironmentRetiredEvent(ID, NOW));
        assertThat(refusalOfATestOn(store)).hasMessage("Environment 'acme-preprod' is retired; it takes no new tests.");
    }

    @Test
    void refusesToRetireWhileATestRuns() {
        fixture.given(registered(REGISTERED_AT), drEnabled(), backupRecorded(BACKUP), reserved(TEST))
                .when(new RetireEnvironmentCommand(ID))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("can be retired once the test has ended"))
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
                .when(new ChangeDisasterRecoveryCommand(ID, true, "eu-north-1"))
                .expectException(FailoverRejectedException.class)
                .expectNoEvents();
    }

    private static Throwable refusalOfATestOn(EnvironmentStore store) {
        var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(
                () -> store.reservations().reserve(ID, TEST, ALL_PRECONDITIONS, NAME));
        assertThat(result.isExceptional()).as("the start is refused").isTrue();
        return result.exceptionResult();
    }

    private static RegisterEnvironmentCommand register(String name, String region, String drRegion, boolean drEnabled,
                                                       EnvironmentConfiguration configuration, Targets targets) {
        return new RegisterEnvironmentCommand(ID, name, Purpose.PRE_PRODUCTION, region, drRegion, drEnabled,
                configuration, targets);
    }

    /** The refusal names {@code field} among its errors with a message containing {@code text}. */
    private static Matcher<Object> refusedFor(String field, String text) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof FailoverRejectedException e && e.rejection().errors().stream()
                        .anyMatch(error -> error.field().equals(field) && error.message().contains(text));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal naming " + field + " with '" + text + "'");
            }

            @Override
            protected void describeMismatchSafely(Object item, Description description) {
                description.appendText("was " + (item instanceof FailoverRejectedException e
                        ? e.rejection().errors() : item));
            }
        };
    }

    private static EnvironmentReservedForTestEvent reserved(DrTestId testId) {
        return new EnvironmentReservedForTestEvent(ID, testId, NOW.minus(Duration.ofMinutes(10)));
    }
}
