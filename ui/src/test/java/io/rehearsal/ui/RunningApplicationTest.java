package io.rehearsal.ui;

import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The whole application on a random port, a fresh data directory and a fast simulator; shared by the HTTP
 * tests so the context starts once. Each test class works on its own demo environments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rehearsal.simulator.speed=1000",
        "rehearsal.simulator.backup-interval=1000d",
        "rehearsal.web.heartbeat=200ms",
        "rehearsal.users[0].username=admin", "rehearsal.users[0].password={noop}admin-secret",
        "rehearsal.users[0].role=ADMIN",
        "rehearsal.users[1].username=operator", "rehearsal.users[1].password={noop}operator-secret",
        "rehearsal.users[1].role=OPERATOR",
        "rehearsal.users[2].username=auditor", "rehearsal.users[2].password={noop}auditor-secret",
        "rehearsal.users[2].role=AUDITOR",
        // a user name a spreadsheet would take for a formula, for the CSV export's sake
        "rehearsal.users[3].username=@evil", "rehearsal.users[3].password={noop}@evil-secret",
        "rehearsal.users[3].role=OPERATOR",
        // every test signs in from the loopback address, some with wrong passwords on purpose: SignInThrottleTest
        // has the throttle to itself
        "rehearsal.security.sign-in-throttle.failures-per-address=10000",
        "rehearsal.security.sign-in-throttle.failures-per-user=20001"})
@AutoConfigureWebTestClient(timeout = "60s")
@AutoConfigureObservability(tracing = false) // Spring Boot tests leave metrics export off unless asked

@Import(GatedInfrastructure.Config.class)
abstract class RunningApplicationTest {

    static final List<String> ALL_PRECONDITIONS =
            List.of("unavailable", "data-loss", "users-informed", "no-changes", "next-steps");
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @Autowired
    WebTestClient web;
    @Autowired
    GatedInfrastructure gate;
    @Autowired
    JdbcTemplate jdbc;

    /**
     * Called once per application context: each context gets a data directory of its own, which the application
     * creates, as on a first start.
     */
    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        Path dataDir = newDataDir();
        registry.add("rehearsal.data-dir", dataDir::toString);
    }

    private static Path newDataDir() {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(base.toAbsolutePath(), "http-").resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo inventory is loaded at start-up; its views follow a moment later. */
    @BeforeEach
    void demoInventoryIsProjected() {
        await().atMost(DEADLINE).until(() -> as("auditor").get().uri("/api/environments").exchange()
                .returnResult(EnvironmentView.class).getResponseBody().count().block() >= 6);
    }

    WebTestClient as(String user) {
        return web.mutate().defaultHeaders(h -> h.setBasicAuth(user, user + "-secret")).build();
    }

    WebTestClient.ResponseSpec start(String user, String environmentId, Object body) {
        return as(user).post().uri("/api/environments/{id}/dr-tests", environmentId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static Map<String, Object> startBody(String confirmationName) {
        return Map.of("acknowledgedPreconditions", ALL_PRECONDITIONS, "confirmationName", confirmationName);
    }

    String startTest(String environmentId, String confirmationName) {
        Map<?, ?> body = start("operator", environmentId, startBody(confirmationName))
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("testId");
    }

    DrTestView progress(String testId) {
        return as("auditor").get().uri("/api/dr-tests/{id}", testId).exchange()
                .expectStatus().isOk().expectBody(DrTestView.class).returnResult().getResponseBody();
    }

    DrTestView awaitStatus(String testId, TestStatus status) {
        await().atMost(DEADLINE).until(() -> {
            FluxExchangeResult<DrTestView> result = as("auditor").get().uri("/api/dr-tests/{id}", testId).exchange()
                    .returnResult(DrTestView.class);
            if (!result.getStatus().is2xxSuccessful()) {
                return false; // not projected yet
            }
            DrTestView view = result.getResponseBody().blockFirst();
            return view != null && view.status() == status;
        });
        return progress(testId);
    }

    /** Waits until no test holds the environment any more: its last test ended and relocated it. */
    void awaitIdle(String environmentId) {
        await().atMost(DEADLINE).until(() -> environment(environmentId).activeTestId() == null);
    }

    EnvironmentView environment(String environmentId) {
        return as("auditor").get().uri("/api/environments/{id}", environmentId).exchange()
                .expectStatus().isOk().expectBody(EnvironmentView.class).returnResult().getResponseBody();
    }

    long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    /** RFC 4180: quoted cells, doubled quotes, CRLF between records. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
