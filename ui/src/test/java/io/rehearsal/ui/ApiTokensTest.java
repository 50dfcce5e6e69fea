package io.rehearsal.ui;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API tokens for machines: an ADMIN creates one (its secret shown once), lists and revokes them; a token works as
 * its one role, a BACKUP_AGENT only for recording backups; revoked or expired, it is refused at once; what it does
 * is recorded with its name as the actor, and the tokens' own events are in the audit trail.
 */
class ApiTokensTest extends RunningApplicationTest {

    private Map<?, ?> create(String name, String role, String expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("role", role);
        body.put("expiresAt", expiresAt);
        return as("admin").post().uri("/api/admin/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/admin/tokens/" + name)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient bearer(Object token) {
        return web.mutate().defaultHeaders(h -> h.setBearerAuth((String) token)).build();
    }

    private List<Map<?, ?>> audit(Instant from) {
        Map<?, ?> page = as("auditor").get().uri("/api/audit?from={from}&size=1000", from).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<?, ?>> items = (List<Map<?, ?>>) page.get("items");
        return items;
    }

    @Test
    void anAdminCreatesATokenWhoseSecretIsShownOnceAndListedWithoutIt() {
        Map<?, ?> created = create("ci-pipeline", "OPERATOR", "2099-01-01T00:00:00Z");
        String secret = (String) created.get("token");
        assertThat(secret).startsWith("rh.ci-pipeline.").hasSizeGreaterThan(40);
        assertThat(created.get("role")).isEqualTo("OPERATOR");
        assertThat(created.get("createdBy")).isEqualTo("admin");
        assertThat(created.get("expiresAt")).isEqualTo("2099-01-01T00:00:00Z");

        String list = as("admin").get().uri("/api/admin/tokens").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(list).contains("\"name\":\"ci-pipeline\"").contains("\"createdBy\":\"admin\"")
                .doesNotContain(secret.substring(secret.lastIndexOf('.') + 1)).doesNotContain("\"token\"")
                .doesNotContain("secretHash");
        as("admin").get().uri("/api/admin/tokens/ci-pipeline").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("OPERATOR").jsonPath("$.token").doesNotExist();
        as("admin").get().uri("/api/admin/tokens/no-such-token").exchange().expectStatus().isNotFound();
    }

    @Test
    void anAuditorTokenReadsTheAuditTrailAsItsOwnName() {
        Object token = create("audit-export", "AUDITOR", null).get("token");
        bearer(token).get().uri("/api/audit").exchange().expectStatus().isOk();
        bearer(token).get().uri("/api/session").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.username").isEqualTo("token:audit-export")
                .jsonPath("$.roles").isEqualTo(List.of("AUDITOR"));
        bearer(token).post().uri("/api/environments/{id}/dr-tests", "globex-staging")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody("Globex Staging")).exchange()
                .expectStatus().isForbidden();
        as("admin").get().uri("/api/admin/tokens/audit-export").exchange().expectBody()
                .jsonPath("$.lastUsedAt").isNotEmpty();
    }

    @Test
    void aBackupAgentTokenMayRecordBackupsAndNothingElse() {
        Object token = create("nightly-backup", "BACKUP_AGENT", null).get("token");
        long events = storedEvents();
        bearer(token).get().uri("/api/environments").exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("token:nightly-backup"));
        bearer(token).get().uri("/api/environments/acme-prod").exchange().expectStatus().isForbidden();
        bearer(token).get().uri("/api/audit").exchange().expectStatus().isForbidden();
        bearer(token).get().uri("/api/admin/tokens").exchange().expectStatus().isForbidden();
        bearer(token).get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden();
        bearer(token).post().uri("/api/environments/{id}/dr-tests", "globex-staging")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody("Globex Staging")).exchange()
                .expectStatus().isForbidden();
        assertThat(storedEvents()).isEqualTo(events);

        Instant from = Instant.now().minusSeconds(1);
        String takenAt = Instant.now().minusSeconds(1).toString();
        bearer(token).post().uri("/api/environments/acme-prod/backups").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("backupId", "bkp-by-token-1", "takenAt", takenAt)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.lastBackup.backupId").isEqualTo("bkp-by-token-1");
        assertThat(audit(from)).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("BackupRecordedEvent");
            assertThat(e.get("aggregateId")).isEqualTo("acme-prod");
            assertThat(e.get("actor")).as("the token's name is the actor").isEqualTo("token:nightly-backup");
        });
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        Object token = create("to-revoke", "AUDITOR", null).get("token");
        bearer(token).get().uri("/api/environments").exchange().expectStatus().isOk();
        as("admin").delete().uri("/api/admin/tokens/to-revoke").exchange().expectStatus().isNoContent();
        bearer(token).get().uri("/api/environments").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueMatches("WWW-Authenticate", "Bearer .*invalid_token.*")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("revoked"));
        as("admin").get().uri("/api/admin/tokens/to-revoke").exchange().expectBody()
                .jsonPath("$.revokedAt").isNotEmpty().jsonPath("$.revokedBy").isEqualTo("admin");
        as("admin").get().uri("/api/admin/tokens").exchange().expectBody()
                .jsonPath("$[?(@.name == 'to-revoke')].revokedBy").isEqualTo(List.of("admin"));

        long events = storedEvents();
        as("admin").delete().uri("/api/admin/tokens/to-revoke").exchange().expectStatus().isNoContent();
        assertThat(storedEvents()).as("revoking again records nothing").isEqualTo(events);
        as("admin").delete().uri("/api/admin/tokens/never-was").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No API token named 'never-was'.");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Object token = create("short-lived", "AUDITOR", Instant.now().plusSeconds(3).toString()).get("token");
        bearer(token).get().uri("/api/environments").exchange().expectStatus().isOk();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> bearer(token).get()
                .uri("/api/environments").exchange().returnResult(String.class).getStatus().value() == 401);
    }

    @Test
    void aTokenThatIsNoneOrIsForgedIsRefused() {
        Object token = create("forge-target", "ADMIN", null).get("token");
        String forged = ((String) token).substring(0, ((String) token).length() - 2) + "xx";
        for (String bad : List.of(forged, "rh.forge-target.", "rh.nobody.abc", "not-a-token", "rh..x")) {
            bearer(bad).get().uri("/api/environments").exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void whatATokenDoesIsRecordedWithItsNameAndTheTokensOwnEventsAreInTheAuditTrail() {
        Instant from = Instant.now().minusSeconds(1);
        Object adminToken = create("admin-tool", "ADMIN", null).get("token");
        bearer(adminToken).post().uri("/api/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "made-by-a-token", "role", "AUDITOR")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.createdBy").isEqualTo("token:admin-tool");
        bearer(adminToken).delete().uri("/api/admin/tokens/made-by-a-token").exchange().expectStatus().isNoContent();

        List<Map<?, ?>> entries = audit(from);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("ApiTokenCreatedEvent");
            assertThat(e.get("aggregateId")).isEqualTo("api-token:admin-tool");
            assertThat(e.get("actor")).isEqualTo("admin");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("ApiTokenCreatedEvent");
            assertThat(e.get("aggregateId")).isEqualTo("api-token:made-by-a-token");
            assertThat(e.get("actor")).isEqualTo("token:admin-tool");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("type")).isEqualTo("ApiTokenRevokedEvent");
            assertThat(e.get("aggregateId")).isEqualTo("api-token:made-by-a-token");
            assertThat(e.get("actor")).isEqualTo("token:admin-tool");
        });
    }

    @Test
    void anOperatorCannotCreateOrRevokeTokens() {
        long events = storedEvents();
        as("operator").post().uri("/api/admin/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "sneaky", "role", "ADMIN")).exchange().expectStatus().isForbidden();
        as("operator").get().uri("/api/admin/tokens").exchange().expectStatus().isForbidden();
        as("operator").delete().uri("/api/admin/tokens/sneaky").exchange().expectStatus().isForbidden();
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void anInvalidTokenRequestIs422NamingTheFieldAndRecordsNothing() {
        create("taken-name", "AUDITOR", null);
        long events = storedEvents();
        invalid(Map.of("name", "Not A Slug", "role", "AUDITOR"), HttpStatus.UNPROCESSABLE_ENTITY, "name: ");
        invalid(Map.of("role", "AUDITOR"), HttpStatus.UNPROCESSABLE_ENTITY, "name: ");
        invalid(Map.of("name", "no-role"), HttpStatus.UNPROCESSABLE_ENTITY, "role: ");
        invalid(Map.of("name", "bad-role", "role", "ROOT"), HttpStatus.UNPROCESSABLE_ENTITY, "role: ");
        invalid(Map.of("name", "past", "role", "AUDITOR", "expiresAt", "2020-01-01T00:00:00Z"),
                HttpStatus.UNPROCESSABLE_ENTITY, "expiresAt: ");
        invalid(Map.of("name", "garbled", "role", "AUDITOR", "expiresAt", "tomorrow"),
                HttpStatus.UNPROCESSABLE_ENTITY, "expiresAt: ");
        invalid(Map.of("name", "taken-name", "role", "AUDITOR"), HttpStatus.CONFLICT, "name: ");
        assertThat(storedEvents()).isEqualTo(events);
    }

    private void invalid(Map<String, String> body, HttpStatus status, String detailStart) {
        EntityExchangeResult<Map> answer = as("admin").post().uri("/api/admin/tokens")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult();
        assertThat((String) answer.getResponseBody().get("detail")).as(body.toString()).startsWith(detailStart);
    }
}
