package io.rehearsal.ui;

import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.StepStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every status code the environment and test endpoints can give, each answered as a problem with a detail a
 * person can act on, and each checked to have changed nothing: no event stored, no test in the history.
 */
class HttpContractTest extends RunningApplicationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.security.core.userdetails.ReactiveUserDetailsService users;

    /** Spring Security would otherwise re-hash it at bcrypt cost 10, and every later request would pay for that. */
    @Test
    void aPasswordKeepsItsEncodingAfterUse() {
        for (int i = 0; i < 2; i++) {
            as("auditor").get().uri("/api/environments").exchange().expectStatus().isOk();
        }

        assertThat(users.findByUsername("auditor").block().getPassword()).isEqualTo("{noop}auditor-secret");
    }

    private static final String ENV = "globex-staging";
    private static final String NAME = "Globex Staging";

    @Test
    void withoutCredentialsEveryEndpointIs401() {
        unchanged(() -> web.get().uri("/api/environments").exchange(), HttpStatus.UNAUTHORIZED, "Sign in");
        unchanged(() -> web.post().uri("/api/environments/{id}/dr-tests", ENV).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(startBody(NAME)).exchange(), HttpStatus.UNAUTHORIZED, "Sign in");
        web.get().uri("/api/environments").exchange().expectHeader().valueMatches("WWW-Authenticate", "Basic.*");
    }

    @Test
    void wrongPasswordIs401() {
        unchanged(() -> web.mutate().defaultHeaders(h -> h.setBasicAuth("operator", "wrong")).build()
                .post().uri("/api/environments/{id}/dr-tests", ENV).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(startBody(NAME)).exchange(), HttpStatus.UNAUTHORIZED, "Sign in");
    }

    @Test
    void anAuditorMayReadButNotStartATest() {
        as("auditor").get().uri("/api/environments/{id}", ENV).exchange().expectStatus().isOk();
        unchanged(() -> start("auditor", ENV, startBody(NAME)), HttpStatus.FORBIDDEN, "auditor");
    }

    @Test
    void unknownIdsAre404() {
        unchanged(() -> as("operator").get().uri("/api/environments/nowhere").exchange(), HttpStatus.NOT_FOUND,
                "nowhere");
        unchanged(() -> as("operator").get().uri("/api/environments/nowhere/preconditions").exchange(),
                HttpStatus.NOT_FOUND, "nowhere");
        unchanged(() -> start("operator", "nowhere", startBody("Nowhere")), HttpStatus.NOT_FOUND, "nowhere");
        unchanged(() -> start("operator", "Not A Slug", startBody("Nowhere")), HttpStatus.NOT_FOUND, "Not A Slug");
        unchanged(() -> as("operator").get().uri("/api/dr-tests/{id}", "0f0e0d0c-0000-4000-8000-000000000000")
                .exchange(), HttpStatus.NOT_FOUND, "0f0e0d0c");
        unchanged(() -> as("operator").get().uri("/api/dr-tests/not-a-uuid").exchange(), HttpStatus.NOT_FOUND,
                "not-a-uuid");
        unchanged(() -> as("operator").get().uri("/api/dr-tests/{id}/stream", "0f0e0d0c-0000-4000-8000-000000000000")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange(), HttpStatus.NOT_FOUND, "0f0e0d0c");
    }

    @Test
    void startingWhereDrIsNotEnabledIs409() {
        unchanged(() -> start("operator", "initech-dev", startBody("Initech Development")), HttpStatus.CONFLICT,
                "not enabled");
    }

    @Test
    void startingWhileATestRunsIs409AndLeavesTheRunningTestAlone() {
        String env = "acme-prod";
        gate.hold(env);
        try {
            String running = startTest(env, "ACME Production");
            // quiet: the test waits at the gate in its first step, recording nothing until released
            await().atMost(DEADLINE)
                    .until(() -> progress(running).steps().get(0).status() == StepStatus.RUNNING);
            unchanged(() -> start("operator", env, startBody("ACME Production")), HttpStatus.CONFLICT, running);
            assertThat(environment(env).activeTestId().value()).isEqualTo(running);
        } finally {
            gate.release(env);
        }
        awaitIdle(env);
    }

    @Test
    void aMissingPreconditionIs422AndNamesIt() {
        Map<String, Object> body = Map.of("acknowledgedPreconditions",
                List.of("unavailable", "data-loss", "no-changes"), "confirmationName", NAME);
        unchanged(() -> start("operator", ENV, body), HttpStatus.UNPROCESSABLE_ENTITY, "users-informed, next-steps");
    }

    @Test
    void noPreconditionsAtAllIs422() {
        unchanged(() -> start("operator", ENV, Map.of("confirmationName", NAME)), HttpStatus.UNPROCESSABLE_ENTITY,
                "missing: unavailable");
    }

    @Test
    void aNullPreconditionIs422() {
        unchanged(() -> as("operator").post().uri("/api/environments/{id}/dr-tests", ENV)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"acknowledgedPreconditions\": [null], \"confirmationName\": \"Globex Staging\"}")
                .exchange(), HttpStatus.UNPROCESSABLE_ENTITY, "null");
    }

    @Test
    void anUnknownPreconditionIs422() {
        Map<String, Object> body = new HashMap<>(startBody(NAME));
        body.put("acknowledgedPreconditions", List.of("unavailable", "data-loss", "users-informed", "no-changes",
                "next-steps", "coffee-ready"));
        unchanged(() -> start("operator", ENV, body), HttpStatus.UNPROCESSABLE_ENTITY, "coffee-ready");
    }

    @Test
    void aConfirmationNameThatDiffersIs422() {
        unchanged(() -> start("operator", ENV, startBody("Globex Production")), HttpStatus.UNPROCESSABLE_ENTITY,
                "does not match");
        unchanged(() -> start("operator", ENV, startBody("globex staging")), HttpStatus.UNPROCESSABLE_ENTITY,
                "letter case or whitespace");
        unchanged(() -> start("operator", ENV, startBody(" Globex Staging")), HttpStatus.UNPROCESSABLE_ENTITY,
                "letter case or whitespace");
        unchanged(() -> start("operator", ENV, startBody("")), HttpStatus.UNPROCESSABLE_ENTITY, "to confirm");
    }

    @Test
    void aReasonOverItsLimitIs422() {
        Map<String, Object> body = new HashMap<>(startBody(NAME));
        body.put("reason", "x".repeat(501));
        unchanged(() -> start("operator", ENV, body), HttpStatus.UNPROCESSABLE_ENTITY, "at most 500");
    }

    @Test
    void malformedJsonIs400() {
        unchanged(() -> as("operator").post().uri("/api/environments/{id}/dr-tests", ENV)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"confirmationName\": \"Globex").exchange(),
                HttpStatus.BAD_REQUEST, "not valid JSON");
        unchanged(() -> as("operator").post().uri("/api/environments/{id}/dr-tests", ENV)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"acknowledgedPreconditions\": 5, \"confirmationName\": \"Globex Staging\"}").exchange(),
                HttpStatus.BAD_REQUEST, "JSON");
    }

    @Test
    void badHistoryParametersAre400() {
        unchanged(() -> as("auditor").get().uri("/api/dr-tests?status=DONE").exchange(), HttpStatus.BAD_REQUEST,
                "RUNNING");
        unchanged(() -> as("auditor").get().uri("/api/dr-tests?size=0").exchange(), HttpStatus.BAD_REQUEST, "size");
        unchanged(() -> as("auditor").get().uri("/api/dr-tests?page=x").exchange(), HttpStatus.BAD_REQUEST, "page");
    }

    @Test
    void preconditionsShowTheLastBackupAndTheDataLossWindow() {
        EnvironmentView env = environment(ENV);
        Map<?, ?> body = as("operator").get().uri("/api/environments/{id}/preconditions", ENV).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body.get("environmentName")).isEqualTo(NAME);
        assertThat(body.get("dataLossWindow")).isNotNull();
        assertThat((List<?>) body.get("preconditions")).hasSize(5)
                .anySatisfy(p -> assertThat(((Map<?, ?>) p).get("text").toString())
                        .contains(env.lastBackup().takenAt().toString()));
    }

    /** Sends the request, checks the problem, and checks that nothing was recorded or started. */
    private void unchanged(Supplier<WebTestClient.ResponseSpec> request, HttpStatus status, String detailFragment) {
        long events = storedEvents();
        long tests = totalTests();
        request.get().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(detailFragment));
        assertThat(storedEvents()).as(() -> "events stored; the newest: " + jdbc.queryForList(
                "SELECT payloadType FROM DomainEventEntry ORDER BY globalIndex DESC LIMIT 3", String.class))
                .isEqualTo(events);
        assertThat(totalTests()).as("tests in the history").isEqualTo(tests);
    }

    private long totalTests() {
        return as("auditor").get().uri("/api/dr-tests?size=1").exchange().expectStatus().isOk()
                .expectBody(DrTestHistoryPage.class).returnResult().getResponseBody().total();
    }

}
