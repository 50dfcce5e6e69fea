package io.rehearsal.ui;

import io.rehearsal.api.EnvironmentView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inventory as code: Rehearsal started on an inventory file of its own (so no demo inventory), then the same file
 * and changed copies of it applied over HTTP.
 */
class InventoryFileTest extends RunningApplicationTest {

    private static final String FILE = """
            environments:
              - id: ledger-preprod
                displayName: Ledger Pre-Production
                purpose: PRE_PRODUCTION
                region: eu-west-1
                drRegion: eu-central-1
                drEnabled: true
                configuration:
                  database: { engine: postgres, engineVersion: "16.4", instanceClass: db.r6g.large, storageGb: 200 }
                  frontEnds: { count: 2, instanceType: m6i.large, storageGb: 50 }
                  network: { vpcCidr: 10.70.0.0/16 }
                  kept: { errorMonitoring: true, hipaaMode: false, logSeparation: true, wafIpRules: [203.0.113.0/24], externalConnections: [] }
                targets: { rto: PT4H, rpo: PT24H, testIntervalDays: 365 }
                backups:
                  - { backupId: ledger-b1, takenAt: 2026-11-30T02:00:00Z }
                  - { backupId: ledger-b2, takenAt: 2026-12-01T02:00:00Z }
              - id: ledger-dev
                displayName: Ledger Development
                purpose: DEVELOPMENT
                region: us-east-1
                drEnabled: false
                configuration:
                  database: { engine: mysql, engineVersion: "8.0", instanceClass: db.t4g.medium, storageGb: 20 }
                  frontEnds: { count: 1, instanceType: t3.medium, storageGb: 20 }
                  network: { vpcCidr: 192.168.10.0/24 }
                  kept: { errorMonitoring: false, hipaaMode: false, logSeparation: false }
                targets: { rto: PT24H, rpo: PT48H, testIntervalDays: 730 }
            """;

    private static Path file;

    @DynamicPropertySource
    static void inventoryFile(DynamicPropertyRegistry registry) {
        try {
            file = Files.createTempFile(Files.createDirectories(Path.of("target", "test-data")).toAbsolutePath(),
                    "inventory-", ".yaml");
            Files.writeString(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("rehearsal.inventory.file", file::toString);
    }

    @Override
    @BeforeEach
    void demoInventoryIsProjected() {
        // no demo here: the file's two environments, once projected
        await().atMost(DEADLINE).until(() -> environments().size() >= 2);
    }

    @Test
    void theFileAppliedOnStartRegistersItsEnvironmentsAndNoDemo() {
        assertThat(environments()).extracting(v -> v.id().value()).containsExactly("ledger-dev", "ledger-preprod");
        EnvironmentView preprod = environment("ledger-preprod");
        assertThat(preprod.drEnabled()).isTrue();
        assertThat(preprod.lastBackup().backupId()).isEqualTo("ledger-b2");
        assertThat(environment("ledger-dev").drEnabled()).isFalse();
        assertThat(environment("ledger-dev").configuration().kept().wafIpRules()).isEmpty();
    }

    @Test
    void theSameFileAgainRecordsNothing() {
        apply(FILE, false); // as at start, whatever another test changed since
        long before = storedEvents();
        Map<?, ?> plan = apply(FILE, false);
        assertThat(actions(plan)).containsOnly("UNCHANGED");
        // and without a body: the configured file
        Map<?, ?> configured = as("admin").post().uri("/api/admin/inventory/apply").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(actions(configured)).containsOnly("UNCHANGED");
        assertThat(configured.get("source")).isEqualTo(file.toString());
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aDryRunShowsThePlanAndChangesNothing() {
        apply(FILE, false);
        long before = storedEvents();
        String changed = FILE.replace("rto: PT4H", "rto: PT2H") + """
                  - id: ledger-qa
                    displayName: Ledger QA
                    purpose: PRE_PRODUCTION
                    region: eu-west-1
                    drRegion: eu-west-2
                    drEnabled: true
                    configuration:
                      database: { engine: postgres, engineVersion: "16.4", instanceClass: db.t4g.large, storageGb: 50 }
                      frontEnds: { count: 1, instanceType: t3.large, storageGb: 20 }
                      network: { vpcCidr: 10.71.0.0/16 }
                      kept: { errorMonitoring: false, hipaaMode: false, logSeparation: false }
                    targets: { rto: PT8H, rpo: PT24H, testIntervalDays: 365 }
                """;
        Map<?, ?> plan = apply(changed, true);
        assertThat(plan.get("dryRun")).isEqualTo(true);
        assertThat(item(plan, "ledger-preprod")).containsEntry("action", "CHANGE").containsEntry("changes", List.of("targets"));
        assertThat(item(plan, "ledger-qa")).containsEntry("action", "REGISTER");
        assertThat(item(plan, "ledger-dev")).containsEntry("action", "UNCHANGED");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(environment("ledger-preprod").targets().rto()).isEqualTo(Duration.ofHours(4));
        as("auditor").get().uri("/api/environments/ledger-qa").exchange().expectStatus().isNotFound();
    }

    @Test
    void aChangedFileChangesExactlyWhatChangedAndNeverRetiresWhatItLeavesOut() {
        String onlyPreprod = FILE.substring(0, FILE.indexOf("  - id: ledger-dev"))
                .replace("count: 2, instanceType: m6i.large", "count: 3, instanceType: m6i.large")
                .replace("      - { backupId: ledger-b2, takenAt: 2026-12-01T02:00:00Z }",
                        "      - { backupId: ledger-b2, takenAt: 2026-12-01T02:00:00Z }\n"
                                + "      - { backupId: ledger-b3, takenAt: 2026-12-01T08:00:00Z }");
        apply(FILE, false);
        long before = storedEvents();
        Map<?, ?> plan = apply(onlyPreprod, false);

        assertThat(item(plan, "ledger-preprod")).containsEntry("action", "CHANGE")
                .containsEntry("changes", List.of("configuration", "1 backup recorded"));
        assertThat(item(plan, "ledger-dev")).containsEntry("action", "NOT_IN_FILE");
        assertThat(storedEvents()).isEqualTo(before + 2); // the configuration change and the one new backup
        EnvironmentView preprod = environment("ledger-preprod");
        assertThat(preprod.configuration().frontEnds().count()).isEqualTo(3);
        assertThat(preprod.lastBackup().backupId()).isEqualTo("ledger-b3");
        assertThat(environment("ledger-dev").retired()).isFalse();

        // and the very same file once more: nothing
        long after = storedEvents();
        assertThat(actions(apply(onlyPreprod, false))).containsOnly("UNCHANGED", "NOT_IN_FILE");
        assertThat(storedEvents()).isEqualTo(after);
    }

    @Test
    void anInvalidFileIsA422NamingEachEntrysFieldAndRecordsNothing() {
        long before = storedEvents();
        String broken = FILE.replace("vpcCidr: 10.70.0.0/16", "vpcCidr: 8.8.8.0/24")
                .replace("purpose: DEVELOPMENT", "purpose: PLAYGROUND");
        Map<?, ?> problem = EnvironmentInventoryTest.refused(as("admin").post()
                .uri("/api/admin/inventory/apply").contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(broken).exchange(), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((String) problem.get("detail")).contains("environments[1].purpose")
                .contains("'PLAYGROUND' is not one of PRODUCTION, PRE_PRODUCTION, DEVELOPMENT").doesNotContain("io.rehearsal");

        Map<?, ?> invalid = EnvironmentInventoryTest.refused(as("admin").post()
                .uri("/api/admin/inventory/apply").contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(FILE.replace("vpcCidr: 10.70.0.0/16", "vpcCidr: 8.8.8.0/24")
                        .replace("storageGb: 20 }\n      frontEnds", "storageGb: 0 }\n      frontEnds")).exchange(),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(EnvironmentInventoryTest.fields(invalid)).containsExactly(
                "environments[0].configuration.network.vpcCidr", "environments[1].configuration.database.storageGb");

        Map<?, ?> misspelt = EnvironmentInventoryTest.refused(as("admin").post()
                .uri("/api/admin/inventory/apply").contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue(FILE.replace("drEnabled: false", "drEnabeld: false")).exchange(),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((String) misspelt.get("detail")).contains("environments[1].drEnabeld is no field Rehearsal knows");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void onlyAnAdminAppliesAnInventory() {
        as("operator").post().uri("/api/admin/inventory/apply?dryRun=true").exchange().expectStatus().isForbidden();
    }

    private Map<?, ?> apply(String yaml, boolean dryRun) {
        return as("admin").post().uri("/api/admin/inventory/apply?dryRun={dry}", dryRun)
                .contentType(MediaType.parseMediaType("application/yaml")).bodyValue(yaml).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private List<EnvironmentView> environments() {
        return as("auditor").get().uri("/api/environments").exchange().expectStatus().isOk()
                .expectBodyList(EnvironmentView.class).returnResult().getResponseBody();
    }

    private static List<Object> actions(Map<?, ?> plan) {
        return ((List<?>) plan.get("environments")).stream().<Object>map(i -> ((Map<?, ?>) i).get("action")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<?, ?> plan, String id) {
        return ((List<Map<String, Object>>) plan.get("environments")).stream()
                .filter(i -> id.equals(i.get("environmentId"))).findFirst().orElseThrow();
    }
}
