package io.rehearsal.ui;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A whole failover through the script provider, running the example scripts shipped for users to copy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rehearsal.infrastructure.provider=script",
        "rehearsal.script.dir=../examples/scripts",
        "rehearsal.users[0].username=operator", "rehearsal.users[0].password={noop}operator-secret",
        "rehearsal.users[0].role=OPERATOR"})
@AutoConfigureWebTestClient(timeout = "60s")
class ScriptProviderFlowTest {

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")).toAbsolutePath(),
                "script-");
        registry.add("rehearsal.data-dir", dir::toString);
    }

    @Test
    void aFailoverRunsTheScriptsAndRecordsTheFactsTheyPrint() {
        WebTestClient operator = web.mutate().defaultHeaders(h -> h.setBasicAuth("operator", "operator-secret")).build();
        await().atMost(Duration.ofSeconds(60)).until(() -> operator.get().uri("/api/environments/acme-preprod")
                .exchange().returnResult(EnvironmentView.class).getStatus().is2xxSuccessful());

        Map<?, ?> started = operator.post().uri("/api/environments/acme-preprod/dr-tests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("acknowledgedPreconditions", RunningApplicationTest.ALL_PRECONDITIONS,
                        "confirmationName", "ACME Pre-Production"))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
        String testId = (String) started.get("testId");

        await().atMost(Duration.ofSeconds(60)).until(() -> operator.get().uri("/api/dr-tests/{id}", testId).exchange()
                .returnResult(DrTestView.class).getResponseBody().blockFirst().status() == TestStatus.COMPLETED);
        DrTestView done = operator.get().uri("/api/dr-tests/{id}", testId).exchange()
                .expectBody(DrTestView.class).returnResult().getResponseBody();

        assertThat(done.steps()).allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.COMPLETED));
        assertThat(done.steps().get(FailoverStep.PROVISION_NETWORK.ordinal()).facts())
                .containsEntry("cidr", "10.120.0.0/16")
                .hasEntrySatisfying("stderr", e -> assertThat(e.toString()).contains("creating a VPC 10.120.0.0/16"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "10.120.0.0/16".equals(operator.get()
                .uri("/api/environments/acme-preprod").exchange().expectBody(EnvironmentView.class).returnResult()
                .getResponseBody().configuration().network().vpcCidr()));
    }
}
