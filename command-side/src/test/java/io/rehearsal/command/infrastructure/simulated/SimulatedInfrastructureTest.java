package io.rehearsal.command.infrastructure.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.ExternalConnection;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.command.drtest.Cidr;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.rehearsal.api.FailoverStep.ACTIVATE;
import static io.rehearsal.api.FailoverStep.LOCK_SOURCE;
import static io.rehearsal.api.FailoverStep.PROVISION_NETWORK;
import static io.rehearsal.api.FailoverStep.RESTORE_DATABASE;
import static io.rehearsal.api.FailoverStep.VERIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatedInfrastructureTest {

    /** Step durations divided by this are microseconds (Java 17 rounds such a sleep up to a millisecond). */
    private static final double SPEED = 1_000_000;
    private static final DrTestId TEST = DrTestId.of("8a1f3c52-6a7e-4d0b-9c55-0f2e7b1d4a10");
    private static final DrTestId FAILBACK = DrTestId.of("1c9e0b7d-2f44-4e6a-8d3b-5a7c9e1f2b30");
    private static final EnvironmentId ENVIRONMENT = EnvironmentId.of("acme-preprod");
    private static final String REGION = "eu-west-1";
    private static final String DR_REGION = "eu-central-1";
    private static final BackupRef BACKUP = new BackupRef("bkp-acme-preprod-7",
            Instant.parse("2026-11-26T09:33:13Z"));
    private static final EnvironmentConfiguration SOURCE = configuration("10.20.0.0/16");

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path directory;

    @Test
    void fullRunSucceedsWithoutOverlapReportingWhatItBuiltAndNoParityClaimOfItsOwn() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            Map<FailoverStep, StepOutcome> outcomes = runAll(infrastructure, TEST, ENVIRONMENT, SOURCE);

            assertThat(outcomes.values()).allMatch(StepOutcome.Succeeded.class::isInstance);
            Map<String, Object> verified = facts(outcomes.get(VERIFY));
            assertThat(verified).containsEntry("healthy", true).containsEntry("cidrOverlapsSource", false)
                    .doesNotContainKeys("parity", "mismatches");
            assertThat(facts(outcomes.get(RESTORE_DATABASE))).containsEntry("instanceClass", "db.r6g.large")
                    .containsEntry("engineVersion", "16.4").containsEntry("storageGb", 200);
            assertThat(facts(outcomes.get(FailoverStep.APPLY_KEPT_CONFIGURATION)))
                    .containsEntry("wafIpRules", List.of("203.0.113.0/24", "198.51.100.7/32"))
                    .containsEntry("externalConnections", List.of("reporting-db"));
            assertThat(facts(outcomes.get(RESTORE_DATABASE))).containsEntry("restoredFromBackup", BACKUP.backupId());
            assertThat(facts(outcomes.get(ACTIVATE))).containsEntry("activeRegion", DR_REGION);
            assertThat(infrastructure.activeRegion(ENVIRONMENT.value())).isEqualTo(DR_REGION);
            assertThat(infrastructure.actionCounts()).hasSize(FailoverStep.values().length).allSatisfy(
                    (step, count) -> assertThat(count).as("actions of %s", step).isOne());
        }
    }

    @ParameterizedTest(name = "source {0}")
    @ValueSource(strings = {"10.20.0.0/16", "10.121.0.0/16", "10.121.0.0/24", "10.155.0.0/16", "10.154.0.0/16",
            "10.255.0.0/16", "10.96.0.0/11", "10.128.0.0/9", "172.16.0.0/20", "192.168.1.0/24", "10.121.7.0/28"})
    void drNetworkNeverOverlapsTheSource(String sourceCidr) throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            infrastructure.execute(request(TEST, ENVIRONMENT, configuration(sourceCidr), LOCK_SOURCE, 1));
            StepOutcome provisioned = infrastructure.execute(
                    request(TEST, ENVIRONMENT, configuration(sourceCidr), PROVISION_NETWORK, 1));

            String drCidr = (String) facts(provisioned).get("cidr");
            assertThat(Cidr.parse(drCidr).overlaps(Cidr.parse(sourceCidr))).as("%s overlaps %s", drCidr, sourceCidr)
                    .isFalse();
        }
    }

    @Test
    void drNetworkAvoidsNetworksAlreadyInTheDrRegion() throws Exception {
        EnvironmentId twin = EnvironmentId.of("acme-preprod-twin");
        DrTestId twinTest = DrTestId.of("5d2c7a90-3b1e-4f6d-a8c2-9e0b1f3d5c77");
        EnvironmentConfiguration sameSource = configuration("10.121.0.0/16");
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            String first = provisionNetwork(infrastructure, TEST, ENVIRONMENT, sameSource);
            String second = provisionNetwork(infrastructure, twinTest, twin, sameSource);

            assertThat(Cidr.parse(second).overlaps(Cidr.parse(first))).as("%s overlaps %s", second, first).isFalse();
            assertThat(Cidr.parse(second).overlaps(Cidr.parse("10.121.0.0/16"))).isFalse();
        }
    }

    @Test
    void aCrowdedDrRegionGivesEveryNewNetworkABlockOverlappingNoneLivingThere() throws Exception {
        // a wide network at home in the DR region (adopted when its own test locks it), then a regional outage's
        // worth of networks from sources of every width; and once more after a restart, from the journal alone
        String home = "10.96.0.0/11";
        // the wide ones first: narrow blocks are spread over the /16s, and a region of them has no /16 left
        List<String> wide = List.of("10.20.0.0/16", "10.128.0.0/9", "10.100.0.0/16");
        List<String> narrow = List.of("10.121.0.0/24", "172.16.0.0/20", "192.168.1.0/24", "10.121.7.0/28");
        List<String> living = new ArrayList<>(List.of(home));
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            infrastructure.execute(new StepRequest(DrTestId.random(), EnvironmentId.of("home-in-dr"), LOCK_SOURCE, 1,
                    DR_REGION, REGION, BACKUP, configuration(home), Map.of(), TIMEOUT));
            for (int i = 0; i < 300; i++) {
                String source = i < 30 ? wide.get(i % wide.size()) : narrow.get(i % narrow.size());
                living.add(provisionAndCheck(infrastructure, source, i, living));
            }
        }
        try (SimulatedInfrastructure restarted = new SimulatedInfrastructure(directory, SPEED)) {
            for (int i = 300; i < 320; i++) {
                living.add(provisionAndCheck(restarted, narrow.get(i % narrow.size()), i, living));
            }
        }
    }

    private static String provisionAndCheck(SimulatedInfrastructure infrastructure, String source, int i,
                                            List<String> living) {
        String cidr = provisionNetwork(infrastructure, DrTestId.random(), EnvironmentId.of("crowd-" + i),
                configuration(source));
        assertThat(Cidr.parse(cidr).overlaps(Cidr.parse(source))).as("%s overlaps its source %s", cidr, source)
                .isFalse();
        assertThat(living).as("networks living in the DR region that network %d (%s) overlaps", i, cidr)
                .noneMatch(other -> Cidr.parse(other).overlaps(Cidr.parse(cidr)));
        return cidr;
    }

    @Test
    void executedAttemptIsAnsweredFromTheJournalWithoutActingAgain() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, LOCK_SOURCE, 1));
            StepOutcome first = infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, PROVISION_NETWORK, 1));

            StepOutcome again = infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, PROVISION_NETWORK, 1));

            assertThat(again).isEqualTo(first);
            assertThat(infrastructure.timesExecuted(TEST, PROVISION_NETWORK)).isOne();
            assertThat(infrastructure.actionCounts()).containsEntry(PROVISION_NETWORK, 1L);
        }
    }

    @Test
    void newAttemptOfAnExecutedStepActsAgain() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, LOCK_SOURCE, 1));
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, LOCK_SOURCE, 2));

            assertThat(infrastructure.timesExecuted(TEST, LOCK_SOURCE)).isEqualTo(2);
        }
    }

    @Test
    void reopenedSimulatorRemembersOutcomesCountsAndDeployments() throws Exception {
        Map<FailoverStep, StepOutcome> before;
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            before = runAll(infrastructure, TEST, ENVIRONMENT, SOURCE);
        }

        try (SimulatedInfrastructure reopened = new SimulatedInfrastructure(directory, SPEED)) {
            assertThat(reopened.activeRegion(ENVIRONMENT.value())).isEqualTo(DR_REGION);
            for (FailoverStep step : FailoverStep.values()) {
                assertThat(reopened.timesExecuted(TEST, step)).as("times %s was executed", step).isOne();
            }
            Map<FailoverStep, StepOutcome> after = runAll(reopened, TEST, ENVIRONMENT, SOURCE);
            // the journal is JSON: compare as JSON, since a long 0 comes back as an int 0
            assertThat(asJson(after)).isEqualTo(asJson(before));
            assertThat(reopened.actionCounts()).hasSize(FailoverStep.values().length).allSatisfy(
                    (step, count) -> assertThat(count).as("actions of %s", step).isOne());
        }
    }

    @Test
    void reopenedSimulatorFailsBackWithFreshIds() throws Exception {
        Map<FailoverStep, StepOutcome> failover;
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            failover = runAll(infrastructure, TEST, ENVIRONMENT, SOURCE);
        }
        EnvironmentConfiguration moved = SOURCE.withNetwork(
                new NetworkConfiguration((String) facts(failover.get(PROVISION_NETWORK)).get("cidr")));

        try (SimulatedInfrastructure reopened = new SimulatedInfrastructure(directory, SPEED)) {
            Map<FailoverStep, StepOutcome> failback = new EnumMap<>(FailoverStep.class);
            for (FailoverStep step : FailoverStep.values()) {
                failback.put(step, reopened.execute(new StepRequest(FAILBACK, ENVIRONMENT, step, 1, DR_REGION, REGION,
                        BACKUP, moved, Map.of(), TIMEOUT)));
            }

            assertThat(failback.values()).allMatch(StepOutcome.Succeeded.class::isInstance);
            assertThat(facts(failback.get(LOCK_SOURCE))).containsEntry("region", DR_REGION);
            assertThat(facts(failback.get(PROVISION_NETWORK)).get("vpcId"))
                    .isNotEqualTo(facts(failover.get(PROVISION_NETWORK)).get("vpcId"));
            assertThat(reopened.activeRegion(ENVIRONMENT.value())).isEqualTo(REGION);
        }
    }

    @Test
    void tornLastJournalLineIsIgnoredOnReopen() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            runAll(infrastructure, TEST, ENVIRONMENT, SOURCE);
        }
        tearTheJournal();

        try (SimulatedInfrastructure reopened = new SimulatedInfrastructure(directory, SPEED)) {
            assertThat(reopened.activeRegion(ENVIRONMENT.value())).isEqualTo(DR_REGION);
            assertThat(reopened.timesExecuted(TEST, ACTIVATE)).isOne();
            assertThat(reopened.actionCounts()).containsEntry(ACTIVATE, 1L);
        }
    }

    /*
     * After a torn last line, the simulator opens the journal in APPEND mode without cutting the torn bytes off,
     * so its next entry is written on the torn line: on the next reopen that entry is unreadable (ignored if it is
     * the last line, which forgets an action that happened; fatal if more lines follow).
     */
    @Test
    void actionsRecordedAfterATornLineSurviveTheNextReopen() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, LOCK_SOURCE, 1));
        }
        tearTheJournal();
        try (SimulatedInfrastructure reopened = new SimulatedInfrastructure(directory, SPEED)) {
            reopened.execute(request(TEST, ENVIRONMENT, SOURCE, PROVISION_NETWORK, 1));
            reopened.execute(request(TEST, ENVIRONMENT, SOURCE, RESTORE_DATABASE, 1));
        }

        try (SimulatedInfrastructure again = new SimulatedInfrastructure(directory, SPEED)) {
            assertThat(again.timesExecuted(TEST, PROVISION_NETWORK)).isOne();
            assertThat(again.timesExecuted(TEST, RESTORE_DATABASE)).isOne();
        }
    }

    @Test
    void aSourceSpanningAllOfTenSlashEightFailsOverIntoAnotherPrivateRange() throws Exception {
        EnvironmentConfiguration wide = configuration("10.0.0.0/8");
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            infrastructure.execute(request(TEST, ENVIRONMENT, wide, LOCK_SOURCE, 1));
            StepOutcome outcome = infrastructure.execute(request(TEST, ENVIRONMENT, wide, PROVISION_NETWORK, 1));

            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Succeeded.class, succeeded -> {
                Cidr cidr = Cidr.parse((String) succeeded.facts().get("cidr"));
                assertThat(cidr.overlaps(Cidr.parse("10.0.0.0/8"))).isFalse();
                assertThat(cidr.toString()).startsWith("172.");
            });
        }
    }

    @Test
    void stepThatNeedsTheNewDeploymentBeforeTheNetworkFailsForGood() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            StepOutcome outcome = infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, RESTORE_DATABASE, 1));

            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
                assertThat(failed.retryable()).isFalse();
                assertThat(failed.reason()).contains("No network was provisioned for test " + TEST)
                        .contains("RESTORE_DATABASE has nothing to build on");
            });
            assertThat(infrastructure.actionCounts()).doesNotContainKey(RESTORE_DATABASE);
        }
    }

    @Test
    void verifyOfAnIncompleteDeploymentFailsNamingWhatIsMissing() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED)) {
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, LOCK_SOURCE, 1));
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, PROVISION_NETWORK, 1));

            StepOutcome outcome = infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, VERIFY, 1));

            assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Failed.class, failed -> {
                assertThat(failed.retryable()).isFalse();
                assertThat(failed.reason()).contains("incomplete").contains("database false");
            });
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN})
    void rejectsASpeedThatIsNotAbove0(double speed) {
        assertThatIllegalArgumentException().isThrownBy(() -> new SimulatedInfrastructure(directory, speed))
                .withMessageContaining("rehearsal.simulator.speed must be above 0");
    }

    @Test
    void aDriftFaultMakesTheRestoreReportAnotherInstanceClassThanTheSources() throws Exception {
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED,
                new SimulatorFaults("RESTORE_DATABASE=drift"))) {
            Map<FailoverStep, StepOutcome> outcomes = runAll(infrastructure, TEST, ENVIRONMENT, SOURCE);

            assertThat(outcomes.values()).allMatch(StepOutcome.Succeeded.class::isInstance);
            assertThat(facts(outcomes.get(RESTORE_DATABASE)).get("instanceClass")).isNotNull()
                    .isNotEqualTo(SOURCE.database().instanceClass());
            assertThat(facts(outcomes.get(RESTORE_DATABASE))).containsEntry("engine", "postgres");
        }
    }

    @Test
    void aHeldStepAnswersOnlyOnceItsFaultIsCleared() throws Exception {
        SimulatorFaults faults = new SimulatorFaults("RESTORE_DATABASE=hold");
        try (SimulatedInfrastructure infrastructure = new SimulatedInfrastructure(directory, SPEED, faults)) {
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, LOCK_SOURCE, 1));
            infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, PROVISION_NETWORK, 1));
            java.util.concurrent.CompletableFuture<StepOutcome> restore = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> infrastructure.execute(request(TEST, ENVIRONMENT, SOURCE, RESTORE_DATABASE, 1)));

            assertThatThrownBy(() -> restore.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(infrastructure.timesExecuted(TEST, RESTORE_DATABASE)).isZero();
            faults.set("");

            assertThat(restore.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(StepOutcome.Succeeded.class);
            assertThat(infrastructure.executedBy(TEST, RESTORE_DATABASE)).containsExactly(
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
        }
    }

    private void tearTheJournal() throws Exception {
        // a crash in the middle of a write: half a JSON line, no newline
        Files.writeString(directory.resolve("journal.jsonl"), "{\"key\":\"" + TEST + "/VERIFY/2\",\"testId\":\"",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String provisionNetwork(SimulatedInfrastructure infrastructure, DrTestId testId,
                                           EnvironmentId environmentId, EnvironmentConfiguration source) {
        infrastructure.execute(request(testId, environmentId, source, LOCK_SOURCE, 1));
        return (String) facts(infrastructure.execute(request(testId, environmentId, source, PROVISION_NETWORK, 1)))
                .get("cidr");
    }

    private static Map<FailoverStep, StepOutcome> runAll(SimulatedInfrastructure infrastructure, DrTestId testId,
                                                         EnvironmentId environmentId, EnvironmentConfiguration source) {
        Map<FailoverStep, StepOutcome> outcomes = new EnumMap<>(FailoverStep.class);
        for (FailoverStep step : FailoverStep.values()) {
            outcomes.put(step, infrastructure.execute(request(testId, environmentId, source, step, 1)));
        }
        return outcomes;
    }

    private static StepRequest request(DrTestId testId, EnvironmentId environmentId, EnvironmentConfiguration source,
                                       FailoverStep step, int attempt) {
        return new StepRequest(testId, environmentId, step, attempt, REGION, DR_REGION, BACKUP, source, Map.of(),
                TIMEOUT);
    }

    private static Map<String, Object> facts(StepOutcome outcome) {
        assertThat(outcome).isInstanceOf(StepOutcome.Succeeded.class);
        return ((StepOutcome.Succeeded) outcome).facts();
    }

    private static JsonNode asJson(Object value) throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        return json.readTree(json.writeValueAsString(value));
    }

    private static EnvironmentConfiguration configuration(String vpcCidr) {
        return new EnvironmentConfiguration(
                new DatabaseConfiguration("postgres", "16.4", "db.r6g.large", 200),
                new FrontEndConfiguration(2, "m6i.large", 50),
                new NetworkConfiguration(vpcCidr),
                new KeptConfiguration(true, false, true, List.of("203.0.113.0/24", "198.51.100.7/32"),
                        List.of(new ExternalConnection("reporting-db", "postgres", "reporting.acme.internal"))));
    }
}
