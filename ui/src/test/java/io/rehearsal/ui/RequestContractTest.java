package io.rehearsal.ui;

import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.StepView;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One strict reading of every request body, text a report can carry, and questions that have no sensible answer:
 * each refused with a problem whose detail names the field in the request's own terms, and each checked to have
 * recorded nothing.
 */
class RequestContractTest extends RunningApplicationTest {

    private static final String ENV = "globex-staging";
    private static final String NAME = "Globex Staging";
    /** What a detail must never show: Java classes and packages, or the parser's own vocabulary. */
    static final Pattern IMPLEMENTATION = Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|io\\.rehearsal|com\\.fasterxml|org\\.springframework|reactor\\.|\\$[A-Za-z]"
                    + "|Exception|Jackson|Deserializ|`|DataBuffer|Mono<|Feature\\.|ServerWebExchange|ReportController");

    @Test
    void aReportEditThatIsNotOneCleanJsonObjectOfItsFieldsIsRefused() {
        String testId = completedTest();
        String edit = "/api/dr-tests/" + testId + "/report";

        refused(() -> put(edit, "{\"observations\": \"a\"} trailing"), HttpStatus.BAD_REQUEST, "not valid JSON");
        refused(() -> put(edit, "{\"observations\": \"a\"} 1"), HttpStatus.BAD_REQUEST, "more after its JSON value");
        refused(() -> put(edit, "{\"observations\": \"a\"}{\"observations\": \"b\"}"), HttpStatus.BAD_REQUEST,
                "more after its JSON value");
        refused(() -> put(edit, "{\"observations\": \"a\", \"observations\": \"b\"}"), HttpStatus.BAD_REQUEST,
                "observations appears twice");
        refused(() -> put(edit, "{\"reason\": 123}"), HttpStatus.BAD_REQUEST, "reason must be text");
        refused(() -> put(edit, "{\"reason\": true}"), HttpStatus.BAD_REQUEST, "reason must be text");
        refused(() -> put(edit, "{\"observations\": [\"x\"]}"), HttpStatus.BAD_REQUEST, "observations must be text");
        refused(() -> put(edit, "{\"observations\": {\"x\": 1}}"), HttpStatus.BAD_REQUEST, "observations must be text");
        refused(() -> put(edit, "{\"observation\": \"misspelt\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "observation is not a field of this request; its fields are observations, reason, result");
        refused(() -> put(edit, "[]"), HttpStatus.BAD_REQUEST, "must be a JSON object");
        refused(() -> put(edit, "\"observations\""), HttpStatus.BAD_REQUEST, "must be a JSON object");
        refused(() -> put(edit, "{\"observations\": \"a\""), HttpStatus.BAD_REQUEST, "not valid JSON");
        refused(() -> put(edit, ""), HttpStatus.BAD_REQUEST, "A JSON request body is required");
        refused(() -> as("operator").put().uri(edit).exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "A JSON request body is required");

        assertThat(report(testId).observations()).isEmpty();
        assertThat(report(testId).edits()).isEmpty();
    }

    @Test
    void textAReportCannotCarryIsRefusedNamingTheField() {
        String testId = completedTest();
        String edit = "/api/dr-tests/" + testId + "/report";
        String nextStep = "/api/dr-tests/" + testId + "/next-steps/recreate-vpn";

        refused(() -> put(edit, "{\"observations\": \"evidence \uFFFE\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "observations holds U+FFFE (a non-character) at character 10");
        refused(() -> put(edit, "{\"observations\": \"\\uFFFF\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "observations holds U+FFFF");
        refused(() -> put(edit, "{\"observations\": \"lost \\ud800 half\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "observations holds U+D800 (half of a surrogate pair");
        refused(() -> put(edit, "{\"reason\": \"bell \\u0007\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "reason holds U+0007 (a control character)");
        refused(() -> put(edit, "{\"result\": \"SUCCESSFUL\\u0000\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "result holds U+0000");
        refused(() -> as("operator").put().uri(edit).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(new byte[] {'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', (byte) 0xC3, '"', '}'})
                        .exchange(), HttpStatus.BAD_REQUEST, "not valid JSON");
        refused(() -> post(nextStep, "{\"state\": \"DONE\", \"note\": \"done \\uFFFE\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "note holds U+FFFE");
        refused(() -> post(nextStep, "{\"state\": \"DONE\", \"note\": \"ok\", \"by\": \"me\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "by is not a field of this request");
        refused(() -> post(nextStep, "{\"state\": 1}"), HttpStatus.BAD_REQUEST, "state must be text");
        refused(() -> post(nextStep, ""), HttpStatus.BAD_REQUEST, "A JSON request body is required");

        // text in any language, tabs and line breaks are text
        String text = "Ωμέγα, Кириллица, 日本語 → ✓ 😀\tcolumn\r\nnext line";
        as("operator").put().uri(edit).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("observations", text)).exchange().expectStatus().isNoContent();
        assertThat(report(testId).observations()).isEqualTo(text);
    }

    @Test
    void aStartThatIsNotOneCleanJsonObjectStartsNothing() {
        String start = "/api/environments/" + ENV + "/dr-tests";
        String preconditions = "\"acknowledgedPreconditions\": [\"unavailable\", \"data-loss\", \"users-informed\", "
                + "\"no-changes\", \"next-steps\"], \"confirmationName\": \"" + NAME + "\"";

        refused(() -> post(start, "{" + preconditions + ", \"reason\": 123}"), HttpStatus.BAD_REQUEST,
                "reason must be text");
        refused(() -> post(start, "{" + preconditions + ", \"reason\": \"\\uFFFE\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "reason holds U+FFFE");
        refused(() -> post(start, "{" + preconditions + ", \"reasons\": \"drill\"}"), HttpStatus.UNPROCESSABLE_ENTITY,
                "reasons is not a field of this request");
        refused(() -> post(start, "{" + preconditions + "} {}"), HttpStatus.BAD_REQUEST, "more after its JSON value");
        refused(() -> post(start, "{" + preconditions + ", \"confirmationName\": \"" + NAME + "\"}"),
                HttpStatus.BAD_REQUEST, "confirmationName appears twice");
        refused(() -> post(start, "{\"acknowledgedPreconditions\": [\"unavailable\", 5], \"confirmationName\": \""
                + NAME + "\"}"), HttpStatus.BAD_REQUEST, "acknowledgedPreconditions[1] must be text");
        refused(() -> post(start, "{\"acknowledgedPreconditions\": \"unavailable\", \"confirmationName\": \""
                + NAME + "\"}"), HttpStatus.BAD_REQUEST, "acknowledgedPreconditions must be a list");
        refused(() -> post(start, "{\"acknowledgedPreconditions\": [\"una\\u0000vailable\"], \"confirmationName\": \""
                + NAME + "\"}"), HttpStatus.UNPROCESSABLE_ENTITY, "acknowledgedPreconditions[0] holds U+0000");
        refused(() -> post(start, ""), HttpStatus.BAD_REQUEST, "A JSON request body is required");
        refused(() -> as("operator").post().uri(start).exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "A JSON request body is required");
    }

    @Test
    void simulatorFaultsAreClearedOnlyWhenSaidSo() {
        String faults = "/api/admin/simulator/faults";
        as("admin").put().uri(faults).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("faults", "CREATE_DNS=fail-2")).exchange().expectStatus().isOk();
        try {
            refused(() -> as("admin").put().uri(faults).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange(), HttpStatus.UNPROCESSABLE_ENTITY, "faults is required");
            refused(() -> as("admin").put().uri(faults).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"faults\": null}").exchange(), HttpStatus.UNPROCESSABLE_ENTITY, "faults is required");
            refused(() -> as("admin").put().uri(faults).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"fault\": \"\"}").exchange(), HttpStatus.UNPROCESSABLE_ENTITY, "fault is not a field");
            refused(() -> as("admin").put().uri(faults).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"faults\": 0}").exchange(), HttpStatus.BAD_REQUEST, "faults must be text");
            as("admin").get().uri(faults).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.faults").isEqualTo("CREATE_DNS=fail-2");
        } finally {
            as("admin").put().uri(faults).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("faults", ""))
                    .exchange().expectStatus().isOk();
        }
        as("admin").get().uri(faults).exchange().expectStatus().isOk().expectBody().jsonPath("$.faults").isEqualTo("");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefusedByEveryEndpointThatTakesOne() {
        String period = "from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z";
        for (String path : new String[] {"/api/audit", "/api/reports/compliance", "/api/dr-tests",
                "/api/dr-tests/export.csv"}) {
            refused(() -> as("auditor").get().uri(path + "?" + period).exchange(), HttpStatus.BAD_REQUEST,
                    "from (2026-11-02T00:00:00Z) is after to (2026-11-01T00:00:00Z)");
        }
        // an empty period is a question with an empty answer, the same everywhere
        String empty = "from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z";
        as("auditor").get().uri("/api/audit?" + empty).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        as("auditor").get().uri("/api/reports/compliance?" + empty).exchange().expectStatus().isOk();
    }

    @Test
    void aReportAsOfAMomentToComeIsRefused() {
        String testId = completedTest();
        String future = Instant.now().plus(Duration.ofDays(1)).toString();
        refused(() -> as("auditor").get().uri("/api/dr-tests/{id}/report?asOf={asOf}", testId, future).exchange(),
                HttpStatus.BAD_REQUEST, "is in the future");
        refused(() -> as("auditor").get().uri("/api/dr-tests/{id}/report.pdf?asOf={asOf}", testId, future)
                .accept(MediaType.APPLICATION_PDF, MediaType.APPLICATION_PROBLEM_JSON).exchange(),
                HttpStatus.BAD_REQUEST, "is in the future");
    }

    /** The times a report shows are the times its events carry: asking as of one of them answers that moment. */
    @Test
    void aReportAsOfATimeItShowsIsTheStateAtThatTime() {
        String testId = completedTest();
        DrTestReport report = report(testId);

        assertThat(reportAsOf(testId, report.startedAt()).status()).isEqualTo(TestStatus.RUNNING);
        as("auditor").get().uri("/api/dr-tests/{id}/report?asOf={asOf}", testId,
                report.startedAt().minusNanos(1).toString()).exchange().expectStatus().isNotFound();

        StepView first = report.steps().get(0);
        DrTestReport atFirstStep = reportAsOf(testId, first.endedAt());
        assertThat(atFirstStep.status()).isEqualTo(TestStatus.RUNNING);
        assertThat(atFirstStep.steps().get(0).status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(atFirstStep.steps().get(1).status()).isIn(StepStatus.PENDING, StepStatus.RUNNING);

        StepView last = report.steps().get(FailoverStep.values().length - 1);
        assertThat(reportAsOf(testId, last.startedAt()).steps().get(FailoverStep.values().length - 1).status())
                .isEqualTo(StepStatus.RUNNING);

        DrTestReport atEnd = reportAsOf(testId, report.endedAt());
        assertThat(atEnd.status()).isEqualTo(TestStatus.COMPLETED);
        assertThat(atEnd.endedAt()).isEqualTo(report.endedAt());
    }

    private String completedTest() {
        String testId = startTest(ENV, NAME);
        awaitIdle(ENV);
        await().atMost(DEADLINE).until(() -> as("auditor").get().uri("/api/dr-tests/{id}/report", testId).exchange()
                .returnResult(DrTestReport.class).getResponseBody().blockFirst().status() == TestStatus.COMPLETED);
        return testId;
    }

    private DrTestReport report(String testId) {
        return as("auditor").get().uri("/api/dr-tests/{id}/report", testId).exchange().expectStatus().isOk()
                .expectBody(DrTestReport.class).returnResult().getResponseBody();
    }

    private DrTestReport reportAsOf(String testId, Instant asOf) {
        return as("auditor").get().uri("/api/dr-tests/{id}/report?asOf={asOf}", testId, asOf.toString()).exchange()
                .expectStatus().isOk().expectBody(DrTestReport.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec put(String path, String json) {
        return as("operator").put().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, String json) {
        return as("operator").post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    /** Sends the request, checks the problem and its detail, and checks that nothing was recorded or started. */
    private void refused(Supplier<WebTestClient.ResponseSpec> request, HttpStatus status, String detailFragment) {
        long events = storedEvents();
        long tests = totalTests();
        request.get().expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(detailFragment)
                        .doesNotContainPattern(IMPLEMENTATION));
        assertThat(storedEvents()).as("events stored").isEqualTo(events);
        assertThat(totalTests()).as("tests in the history").isEqualTo(tests);
    }

    private long totalTests() {
        return as("auditor").get().uri("/api/dr-tests?size=1").exchange().expectStatus().isOk()
                .expectBody(DrTestHistoryPage.class).returnResult().getResponseBody().total();
    }
}
