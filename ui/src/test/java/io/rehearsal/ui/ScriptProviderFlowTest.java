package io.rehearsal.ui;

import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole failovers through the script provider, running a copy of the example scripts shipped for users to copy; a
 * test may replace one of them in the copy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rehearsal.infrastructure.provider=script",
        "rehearsal.users[0].username=operator", "rehearsal.users[0].password={noop}operator-secret",
        "rehearsal.users[0].role=OPERATOR"})
@AutoConfigureWebTestClient(timeout = "60s")
class ScriptProviderFlowTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static Path scripts;

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")).toAbsolutePath(),
                "script-");
        scripts = Files.createDirectories(dir.resolve("scripts"));
        try (Stream<Path> examples = Files.list(Path.of("..", "examples", "scripts"))) {
            examples.forEach(example -> copy(example, scripts.resolve(example.getFileName())));
        }
        registry.add("rehearsal.data-dir", dir::toString);
        registry.add("rehearsal.script.dir", scripts::toString);
    }

    @Test
    void aFailoverRunsTheScriptsAndRecordsTheFactsTheyPrint() {
        WebTestClient operator = operator();
        String testId = start(operator, "acme-preprod", "ACME Pre-Production");

        await().atMost(DEADLINE).until(() -> progress(operator, testId).status() == TestStatus.COMPLETED);
        DrTestView done = progress(operator, testId);

        assertThat(done.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.COMPLETED));
        assertThat(done.steps().get(FailoverStep.PROVISION_NETWORK.ordinal()).facts())
                .containsEntry("cidr", "10.120.0.0/16")
                .hasEntrySatisfying("stderr", e -> assertThat(e.toString()).contains("creating a VPC 10.120.0.0/16"));
        await().atMost(DEADLINE).until(() -> "10.120.0.0/16".equals(operator.get()
                .uri("/api/environments/acme-preprod").exchange().expectBody(EnvironmentView.class).returnResult()
                .getResponseBody().configuration().network().vpcCidr()));
        // the examples report what they restored and created; Rehearsal finds it all like the source
        DrTestReport report = await().atMost(DEADLINE).until(() -> operator.get().uri("/api/dr-tests/{id}/report", testId)
                .exchange().expectBody(DrTestReport.class).returnResult().getResponseBody(),
                r -> r != null && !r.parity().isEmpty());
        assertThat(report.parity()).hasSize(12).allSatisfy(row -> assertThat(row.match()).as(row.item()).isTrue());
    }

    @Test
    void aScriptThatReportsTheSourcesOwnNetworkFailsTheTestNamingBothBlocksAndTheEnvironmentStays() throws Exception {
        WebTestClient operator = operator();
        Path network = scripts.resolve(FailoverStep.PROVISION_NETWORK.name());
        String example = Files.readString(network);
        // a careless script: it "creates" the source's own block again
        Files.writeString(network, """
                #!/usr/bin/env bash
                set -euo pipefail
                cidr=$(printf '%s' "${REHEARSAL_SOURCE_CONFIGURATION}" | sed -n 's/.*"vpcCidr":"\\([^"]*\\)".*/\\1/p')
                printf '{"vpcId":"vpc-1","cidr":"%s"}\\n' "${cidr}"
                """);
        try {
            EnvironmentView before = environment(operator, "acme-prod");
            String source = before.configuration().network().vpcCidr();
            String testId = start(operator, "acme-prod", before.displayName());

            await().atMost(DEADLINE).until(() -> progress(operator, testId).status() == TestStatus.FAILED);
            DrTestView failed = progress(operator, testId);
            assertThat(failed.failedStep()).isEqualTo(FailoverStep.PROVISION_NETWORK);
            assertThat(failed.failureReason()).contains("failed for good on attempt 1")
                    .contains("The new network " + source + " overlaps the source's " + source);
            assertThat(failed.steps().get(FailoverStep.PROVISION_NETWORK.ordinal()).attempt()).as("not retried").isOne();
            assertThat(failed.steps().get(FailoverStep.RESTORE_DATABASE.ordinal()).status()).isEqualTo(StepStatus.PENDING);
            EnvironmentView after = environment(operator, "acme-prod");
            assertThat(after.region()).isEqualTo(before.region());
            assertThat(after.configuration().network().vpcCidr()).isEqualTo(source);
        } finally {
            Files.writeString(network, example);
        }
    }

    private WebTestClient operator() {
        WebTestClient operator = web.mutate().defaultHeaders(h -> h.setBasicAuth("operator", "operator-secret")).build();
        await().atMost(DEADLINE).until(() -> operator.get().uri("/api/environments/acme-preprod")
                .exchange().returnResult(EnvironmentView.class).getStatus().is2xxSuccessful());
        return operator;
    }

    private static String start(WebTestClient operator, String environmentId, String confirmationName) {
        Map<?, ?> started = operator.post().uri("/api/environments/{id}/dr-tests", environmentId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("acknowledgedPreconditions", RunningApplicationTest.ALL_PRECONDITIONS,
                        "confirmationName", confirmationName))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        return (String) started.get("testId");
    }

    private static DrTestView progress(WebTestClient operator, String testId) {
        return operator.get().uri("/api/dr-tests/{id}", testId).exchange()
                .expectBody(DrTestView.class).returnResult().getResponseBody();
    }

    private static EnvironmentView environment(WebTestClient operator, String environmentId) {
        return operator.get().uri("/api/environments/{id}", environmentId).exchange()
                .expectBody(EnvironmentView.class).returnResult().getResponseBody();
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            if (!to.getFileName().toString().endsWith(".md")) {
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
