package io.rehearsal.command.drtest;

import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.EnvironmentReservedForTestEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Rejection;
import io.rehearsal.api.StartFailoverCommand;
import io.rehearsal.command.environment.EnvironmentStore;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
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

class StartFailoverTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Duration BACKUP_AGE = Duration.ofMinutes(42).plusSeconds(17);
    private static final BackupRef BACKUP = new BackupRef("bkp-acme-preprod-7", NOW.minus(BACKUP_AGE));
    private static final DrTestId TEST = DrTestId.of("8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10");
    private static final DrTestId SECOND_TEST = DrTestId.of("1c9e0b7d-2f44-4e6a-8d3b-5a7c9e1f2b30");
    private static final Actor OPERATOR = Actor.of("operator");
    private static final String REASON = "Yearly DR rehearsal required by DORA Art. 11";
    private static final Set<String> ALL_PRECONDITIONS = PreconditionCatalog.DEFAULTS.stream()
            .map(Precondition::id).collect(Collectors.toSet());

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EnvironmentStore environments = new EnvironmentStore(clock);
    private FixtureConfiguration<DrTest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DrTest.class);
        fixture.registerInjectableResource(environments.reservations());
        fixture.registerInjectableResource(clock);
    }

    @Test
    void startRecordsActorBackupDataLossWindowRegionsAndTheSourceAsItStood() {
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), drEnabled(), backupRecorded(BACKUP));

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, REASON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStartedEvent(TEST, ID, NAME, OPERATOR, NOW, REASON, ALL_PRECONDITIONS,
                        REGION, DR_REGION, BACKUP, BACKUP_AGE, CONFIGURATION, TARGETS));
    }

    @Test
    void acceptedStartReservesTheEnvironment() {
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), drEnabled(), backupRecorded(BACKUP));

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, REASON))
                .expectSuccessfulHandlerExecution();

        assertThat(environments.events(ID)).hasSize(4)
                .last().isEqualTo(new EnvironmentReservedForTestEvent(ID, TEST, NOW));
    }

    @Test
    void startAfterARelocationFailsBackFromTheNewRegionWithTheNewNetwork() {
        NetworkConfiguration drNetwork = new NetworkConfiguration("10.121.0.0/16");
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), drEnabled(), backupRecorded(BACKUP),
                new EnvironmentReservedForTestEvent(ID, SECOND_TEST, NOW.minus(Duration.ofDays(2))),
                new EnvironmentRelocatedEvent(ID, SECOND_TEST, DR_REGION, REGION, drNetwork, NOW.minus(Duration.ofDays(1))));

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, REASON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStartedEvent(TEST, ID, NAME, OPERATOR, NOW, REASON, ALL_PRECONDITIONS,
                        DR_REGION, REGION, BACKUP, BACKUP_AGE, CONFIGURATION.withNetwork(drNetwork), TARGETS));
    }

    @Test
    void recordsNoDataLossWindowForABackupTakenAfterTheClockReads() {
        BackupRef ahead = new BackupRef("bkp-clock-skew", NOW.plusSeconds(3));
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), drEnabled(), backupRecorded(ahead));

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStartedEvent(TEST, ID, NAME, OPERATOR, NOW, null, ALL_PRECONDITIONS,
                        REGION, DR_REGION, ahead, Duration.ZERO, CONFIGURATION, TARGETS));
    }

    @Test
    void acceptsAReasonOfExactlyTheMaximumLength() {
        givenReadyEnvironment();
        String reason = "r".repeat(DrTest.MAX_REASON_LENGTH);

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, reason))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FailoverStartedEvent(TEST, ID, NAME, OPERATOR, NOW, reason, ALL_PRECONDITIONS,
                        REGION, DR_REGION, BACKUP, BACKUP_AGE, CONFIGURATION, TARGETS));
    }

    @Test
    void rejectsStartWhenAPreconditionIsMissing() {
        givenReadyEnvironment();
        Set<String> acknowledged = new LinkedHashSet<>(ALL_PRECONDITIONS);
        acknowledged.removeAll(Set.of("users-informed", "next-steps"));

        fixture.givenNoPriorActivity()
                .when(start(TEST, acknowledged, NAME, REASON))
                .expectException(rejection(Rejection.Reason.INVALID,
                        "Every precondition must be acknowledged; missing: users-informed, next-steps."))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenAnUnknownPreconditionIsAcknowledged() {
        givenReadyEnvironment();
        Set<String> acknowledged = new LinkedHashSet<>(ALL_PRECONDITIONS);
        acknowledged.add("coffee-break");

        fixture.givenNoPriorActivity()
                .when(start(TEST, acknowledged, NAME, REASON))
                .expectException(rejection(Rejection.Reason.INVALID,
                        "Unknown precondition(s) acknowledged: coffee-break."))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenConfirmationNameDiffers() {
        givenReadyEnvironment();

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, "ACME Production", REASON))
                .expectException(rejection(Rejection.Reason.INVALID,
                        "The confirmation name 'ACME Production' does not match '" + NAME + "'."))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenConfirmationNameDiffersOnlyInLetterCase() {
        givenReadyEnvironment();

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME.toLowerCase(), REASON))
                .expectException(rejection(Rejection.Reason.INVALID,
                        "it differs in letter case or whitespace, and must match exactly"))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenConfirmationNameDiffersOnlyInSurroundingWhitespace() {
        givenReadyEnvironment();

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, " " + NAME + "\t", REASON))
                .expectException(rejection(Rejection.Reason.INVALID,
                        "it differs in letter case or whitespace, and must match exactly"))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWithoutConfirmationName() {
        givenReadyEnvironment();

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, "", REASON))
                .expectException(rejection(Rejection.Reason.INVALID,
                        "Type the environment's name, '" + NAME + "', to confirm."))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenDisasterRecoveryIsNotEnabled() {
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), backupRecorded(BACKUP));

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, REASON))
                .expectException(rejection(Rejection.Reason.CONFLICT,
                        "Disaster recovery is not enabled on environment '" + ID + "'."))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenATestIsAlreadyRunningOnTheEnvironment() {
        givenReadyEnvironment();

        fixture.givenCommands(start(TEST, ALL_PRECONDITIONS, NAME, REASON))
                .when(start(SECOND_TEST, ALL_PRECONDITIONS, NAME, REASON))
                .expectException(rejection(Rejection.Reason.CONFLICT, "DR test " + TEST, "environment '" + ID + "'"))
                .expectNoEvents();

        assertThat(environments.events(ID)).filteredOn(EnvironmentReservedForTestEvent.class::isInstance)
                .containsExactly(new EnvironmentReservedForTestEvent(ID, TEST, NOW));
    }

    @Test
    void rejectsStartWhenTheEnvironmentHasNoBackup() {
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), drEnabled());

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, REASON))
                .expectException(rejection(Rejection.Reason.CONFLICT, "has no backup to restore from"))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartOnAnUnknownEnvironment() {
        givenReadyEnvironment();
        EnvironmentId unknown = EnvironmentId.of("no-such-env");

        fixture.givenNoPriorActivity()
                .when(new StartFailoverCommand(TEST, unknown, ALL_PRECONDITIONS, NAME, REASON, OPERATOR))
                .expectException(rejection(Rejection.Reason.NOT_FOUND, "No environment with id 'no-such-env'."))
                .expectNoEvents();

        assertThat(environments.events(unknown)).isEmpty();
        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenTheReasonIsOverTheMaximumLength() {
        givenReadyEnvironment();
        String reason = "r".repeat(DrTest.MAX_REASON_LENGTH + 1);

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, reason))
                .expectException(rejection(Rejection.Reason.INVALID, "The reason has "
                        + (DrTest.MAX_REASON_LENGTH + 1) + " characters; at most " + DrTest.MAX_REASON_LENGTH))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void rejectsStartWhenTheReasonHoldsTextAReportCannotCarry() {
        givenReadyEnvironment();

        fixture.givenNoPriorActivity()
                .when(start(TEST, ALL_PRECONDITIONS, NAME, "drill \uFFFF"))
                .expectException(rejection(Rejection.Reason.INVALID, "The reason holds U+FFFF (a non-character)"))
                .expectNoEvents();

        assertEnvironmentNotReserved();
    }

    @Test
    void reportsTheEnvironmentsStateBeforeWhatTheOperatorTyped() {
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), backupRecorded(BACKUP));

        fixture.givenNoPriorActivity()
                .when(start(TEST, Set.of("unavailable"), "acme", REASON))
                .expectException(rejection(Rejection.Reason.CONFLICT, "Disaster recovery is not enabled"))
                .expectNoEvents();
    }

    private void givenReadyEnvironment() {
        givenEnvironment(registered(NOW.minus(Duration.ofDays(30))), drEnabled(), backupRecorded(BACKUP));
    }

    private void givenEnvironment(Object... events) {
        environments.append(ID, events);
    }

    private void assertEnvironmentNotReserved() {
        assertThat(environments.events(ID)).noneMatch(EnvironmentReservedForTestEvent.class::isInstance);
    }

    private static StartFailoverCommand start(DrTestId testId, Set<String> acknowledged, String confirmationName,
                                              String reason) {
        return new StartFailoverCommand(testId, ID, acknowledged, confirmationName, reason, OPERATOR);
    }

    /** A rejection of the given kind (it decides the HTTP status) whose message holds every fragment. */
    private static Matcher<FailoverRejectedException> rejection(Rejection.Reason reason, String... fragments) {
        return new CustomTypeSafeMatcher<>(reason + " rejection saying " + Arrays.toString(fragments)) {
            @Override
            protected boolean matchesSafely(FailoverRejectedException e) {
                return e.rejection().reason() == reason && Arrays.stream(fragments).allMatch(e.getMessage()::contains);
            }
        };
    }
}
