package io.rehearsal.ui;

import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** An ADMIN's upkeep of the inventory over HTTP: every refusal a 422 naming its fields, and nothing recorded by it. */
class EnvironmentInventoryTest extends RunningApplicationTest {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    @Test
    void anAdminRegistersAnEnvironmentThatAnOperatorThenTests() {
        String id = newId();
        Map<String, Object> body = registration(id, "Payments " + id);
        EnvironmentView created = as("admin").post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/environments/" + id)
                .expectBody(EnvironmentView.class).returnResult().getResponseBody();
        assertThat(created.displayName()).isEqualTo("Payments " + id);
        assertThat(created.drEnabled()).isTrue();
        assertThat(created.drRegion()).isEqualTo("eu-central-1");
        assertThat(created.configuration().network().vpcCidr()).isEqualTo("10.44.0.0/16");
        assertThat(created.lastBackup()).isNull();
        // read straight back: the 201 came once the view showed it
        assertThat(environment(id)).isEqualTo(created);

        Instant takenAt = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        Map<?, ?> receipt = as("admin").post().uri("/api/environments/{id}/backups", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("backupId", "bkp-1", "takenAt", takenAt.toString())).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(receipt.get("lastBackup")).isEqualTo(Map.of("backupId", "bkp-1", "takenAt", takenAt.toString()));
        assertThat(environment(id).lastBackup().backupId()).isEqualTo("bkp-1");

        String testId = startTest(id, "Payments " + id);
        assertThat(awaitStatus(testId, TestStatus.COMPLETED).status()).isEqualTo(TestStatus.COMPLETED);
    }

    @Test
    void everyInvalidFieldIsA422ThatNamesItAndRecordsNothing() {
        long before = storedEvents();
        Map<String, Object> body = registration(newId(), "Broken");
        body.put("purpose", "PROD");
        body.put("drRegion", "eu-west-1");
        Map<String, Object> configuration = configuration("8.8.0.0/16");
        configuration.put("database", Map.of("engine", "postgres", "engineVersion", "16", "instanceClass", "db.m",
                "storageGb", 0));
        configuration.put("frontEnds", Map.of("count", 0, "instanceType", "m6i.large", "storageGb", 10));
        configuration.put("kept", Map.of("errorMonitoring", true, "hipaaMode", false, "logSeparation", true,
                "wafIpRules", List.of("203.0.113.0/24", "everyone"), "externalConnections", List.of()));
        body.put("configuration", configuration);
        body.put("targets", Map.of("rto", "PT0S", "rpo", "PT1H", "testIntervalDays", 365));

        Map<?, ?> problem = refused(as("admin").post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange(), HttpStatus.UNPROCESSABLE_ENTITY);

        assertThat(fields(problem)).contains("purpose", "drRegion", "configuration.database.storageGb",
                "configuration.frontEnds.count", "configuration.network.vpcCidr", "configuration.kept.wafIpRules[1]",
                "targets.rto");
        assertThat((String) problem.get("detail")).startsWith("purpose 'PROD' is not one of PRODUCTION");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aDisplayNameInUseIgnoringCaseAndAnIdInUseAreRefused() {
        long before = storedEvents();
        Map<?, ?> problem = refused(as("admin").post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration(newId(), "acme PRODUCTION")).exchange(), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(problem)).containsExactly("displayName");
        assertThat((String) problem.get("detail")).contains("is the name of environment 'acme-prod'");

        Map<?, ?> taken = refused(as("admin").post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration("acme-prod", "Another ACME")).exchange(), HttpStatus.CONFLICT);
        assertThat((String) taken.get("detail")).contains("exists already");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void configurationTargetsAndDrChangeAndAnswerTheNewState() {
        String id = registered();
        Map<String, Object> bigger = configuration("10.44.0.0/16");
        bigger.put("database", Map.of("engine", "postgres", "engineVersion", "16.4", "instanceClass", "db.r6g.xlarge",
                "storageGb", 400));
        EnvironmentView changed = as("admin").put().uri("/api/environments/{id}/configuration", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(bigger).exchange()
                .expectStatus().isOk().expectBody(EnvironmentView.class).returnResult().getResponseBody();
        assertThat(changed.configuration().database().storageGb()).isEqualTo(400);
        assertThat(environment(id).configuration().database().instanceClass()).isEqualTo("db.r6g.xlarge");

        EnvironmentView targets = as("admin").put().uri("/api/environments/{id}/targets", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("rto", "PT2H", "rpo", "PT6H", "testIntervalDays", 90)).exchange()
                .expectStatus().isOk().expectBody(EnvironmentView.class).returnResult().getResponseBody();
        assertThat(targets.targets().rto()).isEqualTo(Duration.ofHours(2));
        assertThat(targets.targets().testIntervalDays()).isEqualTo(90);

        EnvironmentView off = as("admin").put().uri("/api/environments/{id}/dr", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("drEnabled", false)).exchange()
                .expectStatus().isOk().expectBody(EnvironmentView.class).returnResult().getResponseBody();
        assertThat(off.drEnabled()).isFalse();
        assertThat(off.drRegion()).isEqualTo("eu-central-1");
        start("operator", id, startBody(environment(id).displayName())).expectStatus().isEqualTo(HttpStatus.CONFLICT);

        long before = storedEvents();
        Map<?, ?> sameRegion = refused(as("admin").put().uri("/api/environments/{id}/dr", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("drEnabled", true, "drRegion", "eu-west-1"))
                .exchange(), HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(sameRegion)).containsExactly("drRegion");
        Map<?, ?> zeroFrontEnds = refused(as("admin").put().uri("/api/environments/{id}/configuration", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(withFrontEnds(bigger, 0)).exchange(),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(fields(zeroFrontEnds)).containsExactly("configuration.frontEnds.count");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void backupRulesAreEnforcedAndALateBackupLeavesTheLastOne() {
        String id = registered();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        backup(id, "bkp-2", now.minus(Duration.ofMinutes(10)), null).expectStatus().isOk();
        // a backup tool retrying the same report: recorded once
        long before = storedEvents();
        backup(id, "bkp-2", now.minus(Duration.ofMinutes(10)), null).expectStatus().isOk();
        assertThat(storedEvents()).isEqualTo(before);

        assertThat(fields(refused(backup(id, "bkp-future", now.plus(Duration.ofDays(1)), null),
                HttpStatus.UNPROCESSABLE_ENTITY))).containsExactly("takenAt");
        assertThat(fields(refused(backup(id, "bkp-1", now.minus(Duration.ofHours(1)), null),
                HttpStatus.UNPROCESSABLE_ENTITY))).containsExactly("takenAt");
        assertThat(fields(refused(backup(id, "bkp-2", now.minus(Duration.ofMinutes(1)), null),
                HttpStatus.UNPROCESSABLE_ENTITY))).containsExactly("backupId");
        assertThat(fields(refused(backup(id, " ", now, null), HttpStatus.UNPROCESSABLE_ENTITY)))
                .containsExactly("backupId");
        assertThat(storedEvents()).isEqualTo(before);

        Map<?, ?> late = backup(id, "bkp-1", now.minus(Duration.ofHours(1)), true).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<?, ?>) late.get("lastBackup")).get("backupId")).isEqualTo("bkp-2");
        assertThat(environment(id).lastBackup().backupId()).isEqualTo("bkp-2");
    }

    @Test
    void aRetiredEnvironmentTakesNoTestsAndStaysInComplianceAsRetired() {
        String id = registered();
        backup(id, "bkp-r", Instant.now().minusSeconds(60), null).expectStatus().isOk();
        EnvironmentView retired = as("admin").post().uri("/api/environments/{id}/retire", id).exchange()
                .expectStatus().isOk().expectBody(EnvironmentView.class).returnResult().getResponseBody();
        assertThat(retired.retired()).isTrue();
        assertThat(retired.retiredAt()).isNotNull();

        long before = storedEvents();
        Map<?, ?> refusal = refused(start("operator", id, startBody(retired.displayName())), HttpStatus.CONFLICT);
        assertThat((String) refusal.get("detail")).contains("is retired");
        refused(backup(id, "bkp-late", Instant.now(), null), HttpStatus.CONFLICT);
        assertThat(storedEvents()).isEqualTo(before);

        Map<?, ?> compliance = as("auditor").get().uri("/api/reports/compliance").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> row = ((List<?>) compliance.get("environments")).stream().map(Map.class::cast)
                .filter(r -> id.equals(r.get("environmentId"))).findFirst().orElseThrow();
        assertThat(row.get("retired")).isEqualTo(true);
        assertThat(row.get("overdue")).isEqualTo(false);
        // its name is free again for an active environment
        as("admin").post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration(newId(), retired.displayName())).exchange().expectStatus().isCreated();
    }

    @Test
    void eachTestReportsAndComparesAgainstTheConfigurationOfItsOwnStart() {
        String id = registered();
        String name = environment(id).displayName();
        backup(id, "bkp-c1", Instant.now().minusSeconds(120), null).expectStatus().isOk();
        Map<String, Object> larger = configuration("10.44.0.0/16");
        larger.put("database", Map.of("engine", "postgres", "engineVersion", "16.4", "instanceClass", "db.r6g.xlarge",
                "storageGb", 400));
        String first;
        gate.hold(id); // the first test is running while its environment's configuration changes
        try {
            first = startTest(id, name);
            as("admin").put().uri("/api/environments/{id}/configuration", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(larger).exchange().expectStatus().isOk();
            assertThat(progress(first).status()).isEqualTo(TestStatus.RUNNING);
        } finally {
            gate.release(id);
        }
        awaitStatus(first, TestStatus.COMPLETED);
        awaitIdle(id);
        String second = startTest(id, name);
        awaitStatus(second, TestStatus.COMPLETED);

        DrTestReport before = report(first);
        DrTestReport after = report(second);
        assertThat(before.sourceConfiguration().database().instanceClass()).isEqualTo("db.r6g.large");
        assertThat(after.sourceConfiguration().database().instanceClass()).isEqualTo("db.r6g.xlarge");
        assertThat(before.parity()).anyMatch(row -> row.source().contains("db.r6g.large") && row.match())
                .noneMatch(row -> row.source().contains("db.r6g.xlarge"));
        assertThat(after.parity()).anyMatch(row -> row.source().contains("db.r6g.xlarge") && row.match());
    }

    private DrTestReport report(String testId) {
        return as("auditor").get().uri("/api/dr-tests/{id}/report", testId).exchange().expectStatus().isOk()
                .expectBody(DrTestReport.class).returnResult().getResponseBody();
    }

    @Test
    void onlyAnAdminMaintainsTheInventory() {
        long before = storedEvents();
        String id = newId();
        for (String user : List.of("operator", "auditor")) {
            as(user).post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(registration(id, "Nope " + id)).exchange().expectStatus().isForbidden();
            as(user).post().uri("/api/environments/acme-prod/backups").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("backupId", "x", "takenAt", Instant.now().toString())).exchange()
                    .expectStatus().isForbidden();
            as(user).put().uri("/api/environments/acme-prod/targets").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("rto", "PT1H", "rpo", "PT1H", "testIntervalDays", 1)).exchange()
                    .expectStatus().isForbidden();
            as(user).post().uri("/api/environments/acme-prod/retire").exchange().expectStatus().isForbidden();
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    private WebTestClient.ResponseSpec backup(String id, String backupId, Instant takenAt, Boolean late) {
        Map<String, Object> body = new HashMap<>();
        body.put("backupId", backupId);
        body.put("takenAt", takenAt.toString());
        if (late != null) {
            body.put("lateReport", late);
        }
        return as("admin").post().uri("/api/environments/{id}/backups", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private String registered() {
        String id = newId();
        as("admin").post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration(id, "Environment " + id)).exchange().expectStatus().isCreated();
        return id;
    }

    private static String newId() {
        return "inventory-" + SERIAL.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
    }

    static Map<String, Object> registration(String id, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("displayName", name);
        body.put("purpose", "PRE_PRODUCTION");
        body.put("region", "eu-west-1");
        body.put("drRegion", "eu-central-1");
        body.put("drEnabled", true);
        body.put("configuration", configuration("10.44.0.0/16"));
        body.put("targets", Map.of("rto", "PT4H", "rpo", "PT24H", "testIntervalDays", 365));
        return body;
    }

    static Map<String, Object> configuration(String cidr) {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("database", Map.of("engine", "postgres", "engineVersion", "16.4",
                "instanceClass", "db.r6g.large", "storageGb", 200));
        configuration.put("frontEnds", Map.of("count", 2, "instanceType", "m6i.large", "storageGb", 50));
        configuration.put("network", Map.of("vpcCidr", cidr));
        configuration.put("kept", Map.of("errorMonitoring", true, "hipaaMode", false, "logSeparation", true,
                "wafIpRules", List.of("203.0.113.0/24"),
                "externalConnections", List.of(Map.of("name", "erp", "engine", "oracle", "host", "erp.example.internal"))));
        return configuration;
    }

    private static Map<String, Object> withFrontEnds(Map<String, Object> configuration, int count) {
        Map<String, Object> copy = new HashMap<>(configuration);
        copy.put("frontEnds", Map.of("count", count, "instanceType", "m6i.large", "storageGb", 50));
        return copy;
    }

    static Map<?, ?> refused(WebTestClient.ResponseSpec response, HttpStatus status) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    static List<String> fields(Map<?, ?> problem) {
        List<String> fields = new ArrayList<>();
        Object errors = problem.get("errors");
        if (errors instanceof List<?> list) {
            list.forEach(e -> fields.add((String) ((Map<?, ?>) e).get("field")));
        }
        return fields;
    }
}
