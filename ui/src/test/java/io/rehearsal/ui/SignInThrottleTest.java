package io.rehearsal.ui;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password guessing over HTTP Basic and the sign-in form: failures are throttled per client address and per user
 * name with a 429 and Retry-After, logged and counted once per throttling; the right password works again once the
 * window has passed, and an attacker at one address cannot lock the real user out. The client address is set with
 * X-Forwarded-For, which the loopback address (a trusted proxy by default) may send.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rehearsal.simulator.speed=1000",
        "rehearsal.security.sign-in-throttle.failures-per-address=3",
        "rehearsal.security.sign-in-throttle.failures-per-user=7",
        // long enough that a loaded machine gets through the throttled steps inside one window
        "rehearsal.security.sign-in-throttle.window=8s"})
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final List<String> USERS = List.of("alice", "operator", "auditor", "formuser", "steady", "admin",
            "timer1", "timer2", "timer3", "timer4");

    /** Over the network: the client address is the connection's, as in production. */
    WebTestClient web;

    @BeforeEach
    void client(@LocalServerPort int port) {
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** Real password hashes (bcrypt, cost 8), so that checking a password takes measurable time. */
    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) throws IOException {
        Path base = Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(base.toAbsolutePath(), "throttle-");
        registry.add("rehearsal.data-dir", dataDir::toString);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(8);
        for (int i = 0; i < USERS.size(); i++) {
            String user = USERS.get(i);
            String hash = "{bcrypt}" + bcrypt.encode(user + "-secret");
            registry.add("rehearsal.users[" + i + "].username", () -> user);
            registry.add("rehearsal.users[" + i + "].password", () -> hash);
            registry.add("rehearsal.users[" + i + "].role", () -> user.equals("admin") ? "ADMIN" : "OPERATOR");
        }
    }

    private EntityExchangeResult<String> basic(String user, String password, String address) {
        return web.get().uri("/api/session").headers(h -> h.setBasicAuth(user, password))
                .header("X-Forwarded-For", address).exchange().expectBody(String.class).returnResult();
    }

    private HttpStatus status(EntityExchangeResult<?> result) {
        return HttpStatus.valueOf(result.getStatus().value());
    }

    private double throttlings(String limit) {
        String text = web.get().uri("/actuator/prometheus").headers(h -> h.setBasicAuth("admin", "admin-secret"))
                .header("X-Forwarded-For", "192.0.2.250").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher m = Pattern.compile("rehearsal_sign_in_throttled_total\\{[^}]*limit=\"" + limit + "\"[^}]*} (\\S+)")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void wrongPasswordsFromOneAddressAre429WithRetryAfterLoggedOnceAndTheRightOneWorksAfterTheWindow(
            CapturedOutput output) {
        String attacker = "198.51.100.1";
        double before = throttlings("address");
        for (int i = 0; i < 3; i++) {
            assertThat(status(basic("alice", "guess-" + i, attacker))).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        EntityExchangeResult<String> refused = basic("alice", "guess-3", attacker);
        assertThat(status(refused)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(refused.getResponseBody()).contains("Too many failed sign-ins");
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 8L);
        // while throttled even the right password is not checked
        assertThat(status(basic("alice", "alice-secret", attacker))).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        for (int i = 0; i < 3; i++) {
            assertThat(status(basic("alice", "more-" + i, attacker))).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        }

        List<String> logged = output.getAll().lines().filter(l -> l.contains("client address " + attacker + ";")).toList();
        assertThat(logged).as("one log line for the throttling, not one per refused attempt").hasSize(1);
        assertThat(output.getAll()).doesNotContain("SignInThrottledException");
        assertThat(throttlings("address")).isEqualTo(before + 1);

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> status(basic("alice", "alice-secret", attacker)) == HttpStatus.OK);
    }

    @Test
    void anAttackerAtOneAddressNeverLocksTheRealUserOutElsewhere() throws InterruptedException {
        String attacker = "198.51.100.2";
        String realUser = "203.0.113.7";
        List<HttpStatus> attackerAnswers = new ArrayList<>();
        // an attacker guessing at a steady pace for longer than the window, so that its budget refills
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int round = 0; round < 500 && System.nanoTime() < end; round++) {
            attackerAnswers.add(status(basic("operator", "guess-" + round, attacker)));
            if (round % 5 == 0) {
                assertThat(status(basic("operator", "operator-secret", realUser))).as("round " + round)
                        .isEqualTo(HttpStatus.OK);
            }
            Thread.sleep(25); // the attacker's pace, not a wait for something to happen
        }
        assertThat(attackerAnswers).contains(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(attackerAnswers.stream().filter(s -> s == HttpStatus.UNAUTHORIZED).count())
                .as("the attacker's address refilled at least once, so it kept guessing").isGreaterThan(3);
        assertThat(status(basic("operator", "operator-secret", realUser))).isEqualTo(HttpStatus.OK);
    }

    @Test
    void guessesAtOneUserFromManyAddressesAreThrottledForThatUser() {
        for (int i = 0; i < 7; i++) {
            assertThat(status(basic("auditor", "guess", "198.51.100." + (10 + i)))).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        EntityExchangeResult<String> refused = basic("auditor", "auditor-secret", "198.51.100.30");
        assertThat(status(refused)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotNull();
        assertThat(status(basic("steady", "steady-secret", "198.51.100.30"))).as("other users are not throttled")
                .isEqualTo(HttpStatus.OK);
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> status(basic("auditor", "auditor-secret", "198.51.100.31")) == HttpStatus.OK);
    }

    @Test
    void theSignInFormIsThrottledForTheDashboardAndForAPlainForm() {
        String address = "198.51.100.40";
        for (int i = 0; i < 3; i++) {
            form("formuser", "guess-" + i, address, true).expectStatus().isUnauthorized();
        }
        form("formuser", "guess-3", address, true).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists("Retry-After")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("Try again in"));
        form("formuser", "formuser-secret", address, false).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists("Retry-After");
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> form("formuser", "formuser-secret",
                address, true).returnResult(String.class).getStatus().value() == 200);
    }

    private WebTestClient.ResponseSpec form(String user, String password, String address, boolean json) {
        return web.post().uri("/login").header("X-Forwarded-For", address)
                .accept(json ? MediaType.APPLICATION_JSON : MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", user).with("password", password)).exchange();
    }

    @Test
    void wrongApiTokensAreThrottledLikeWrongPasswords() {
        String address = "198.51.100.60";
        for (int i = 0; i < 3; i++) {
            web.get().uri("/api/environments").header("X-Forwarded-For", address)
                    .headers(h -> h.setBearerAuth("rh.nobody.guess")).exchange().expectStatus().isUnauthorized();
        }
        web.get().uri("/api/environments").header("X-Forwarded-For", address)
                .headers(h -> h.setBearerAuth("rh.nobody.guess")).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS).expectHeader().exists("Retry-After")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void onlyFailuresUseTheBudget() {
        String address = "198.51.100.50";
        for (int i = 0; i < 10; i++) {
            assertThat(status(basic("steady", "steady-secret", address))).isEqualTo(HttpStatus.OK);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(status(basic("steady", "guess", address))).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(status(basic("steady", "guess", address))).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    /** Without a check against a dummy hash an unknown name was answered in a fraction of a wrong password's time. */
    @Test
    void anUnknownUserTakesAsLongAsAWrongPassword() {
        List<Long> wrong = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int round = 0; round < 13; round++) {
            String user = "timer" + (1 + round % 4);
            long t0 = System.nanoTime();
            assertThat(status(basic(user, "guess", "10.9." + round + ".1"))).isEqualTo(HttpStatus.UNAUTHORIZED);
            long t1 = System.nanoTime();
            assertThat(status(basic("ghost" + round, "guess", "10.9." + round + ".2")))
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            long t2 = System.nanoTime();
            if (round > 0) { // the first round warms up
                wrong.add(t1 - t0);
                unknown.add(t2 - t1);
            }
        }
        double ratio = (double) median(unknown) / median(wrong);
        assertThat(ratio).as("unknown user / wrong password, median time").isBetween(0.6, 1.7);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
