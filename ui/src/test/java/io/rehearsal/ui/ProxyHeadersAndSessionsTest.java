package io.rehearsal.ui;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy the cookies are Secure and HSTS is sent; every answer carries the
 * Content-Security-Policy, the sign-in page and its answers included; anonymous callers store nothing on the server.
 */
class ProxyHeadersAndSessionsTest extends RunningApplicationTest {

    @Autowired
    WebSessionManager sessions;

    /** Over the network, from the loopback address (a trusted proxy by default), rather than the mock client. */
    WebTestClient http;

    @BeforeEach
    void client(@LocalServerPort int port) {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(60)).build();
    }

    private WebTestClient user(String user) {
        return http.mutate().defaultHeaders(h -> h.setBasicAuth(user, user + "-secret")).build();
    }

    private EntityExchangeResult<Map> anonymousSession(String proto) {
        return http.get().uri("/api/session").headers(h -> {
            if (proto != null) {
                h.set("X-Forwarded-Proto", proto);
            }
        }).exchange().expectStatus().isOk().expectBody(Map.class).returnResult();
    }

    private EntityExchangeResult<Map> signIn(String proto) {
        EntityExchangeResult<Map> anonymous = anonymousSession(proto);
        return http.post().uri("/login").headers(h -> {
                    if (proto != null) {
                        h.set("X-Forwarded-Proto", proto);
                    }
                }).cookie("XSRF-TOKEN", anonymous.getResponseCookies().getFirst("XSRF-TOKEN").getValue())
                .header("X-CSRF-TOKEN", (String) anonymous.getResponseBody().get("csrfToken"))
                .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "auditor").with("password", "auditor-secret"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult();
    }

    @Test
    void behindATlsProxyTheCookiesAreSecureAndHstsIsSent() {
        EntityExchangeResult<Map> anonymous = anonymousSession("https");
        assertThat(anonymous.getResponseCookies().getFirst("XSRF-TOKEN").isSecure()).isTrue();
        assertThat(anonymous.getResponseHeaders().getFirst("Strict-Transport-Security")).contains("max-age=");

        EntityExchangeResult<Map> login = signIn("https");
        ResponseCookie session = login.getResponseCookies().getFirst("SESSION");
        assertThat(session.isSecure()).as("the session cookie over HTTPS").isTrue();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(login.getResponseCookies().getFirst("XSRF-TOKEN").isSecure()).isTrue();
        assertThat(login.getResponseHeaders().getFirst("Strict-Transport-Security")).contains("max-age=");
    }

    @Test
    void overPlainHttpTheCookiesAreNotSecureAndNoHstsIsSent() {
        EntityExchangeResult<Map> login = signIn(null);
        assertThat(login.getResponseCookies().getFirst("SESSION").isSecure()).isFalse();
        assertThat(login.getResponseHeaders().containsKey("Strict-Transport-Security")).isFalse();
    }

    @Test
    void everyAnswerCarriesTheContentSecurityPolicy() {
        EntityExchangeResult<Map> anonymous = anonymousSession(null);
        String xsrf = anonymous.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        String token = (String) anonymous.getResponseBody().get("csrfToken");
        Map<String, Supplier<WebTestClient.ResponseSpec>> answers = new java.util.LinkedHashMap<>();
        answers.put("GET /login", () -> http.get().uri("/login").accept(MediaType.TEXT_HTML).exchange());
        answers.put("HEAD /login", () -> http.head().uri("/login").exchange());
        answers.put("GET /login?next=...", () -> http.get().uri("/login?next=/environments/acme-prod&expired=1")
                .exchange());
        answers.put("firewall refusal (400)", () -> http.get().uri("/api/environments/a%2F..%2Fb").exchange());
        answers.put("GET /login?error", () -> http.get().uri("/login?error").accept(MediaType.TEXT_HTML).exchange());
        answers.put("GET /", () -> http.get().uri("/").exchange());
        answers.put("POST /login JSON, right", () -> login(xsrf, token, "operator-secret", MediaType.APPLICATION_JSON));
        answers.put("POST /login JSON, wrong", () -> login(xsrf, token, "wrong", MediaType.APPLICATION_JSON));
        answers.put("POST /login form, right (302)", () -> login(xsrf, token, "operator-secret", MediaType.TEXT_HTML));
        answers.put("POST /login form, wrong (302)", () -> login(xsrf, token, "wrong", MediaType.TEXT_HTML));
        answers.put("POST /login without token (403)", () -> http.post().uri("/login").cookie("XSRF-TOKEN", xsrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "operator").with("password", "x")).exchange());
        answers.put("GET /api/session", () -> http.get().uri("/api/session").exchange());
        answers.put("GET /api/environments (401)", () -> http.get().uri("/api/environments").exchange());
        answers.put("GET /api/environments (200)", () -> user("auditor").get().uri("/api/environments").exchange());
        answers.put("GET /api/nothing (404)", () -> user("auditor").get().uri("/api/nothing").exchange());
        answers.put("POST /api/admin/... (403)", () -> user("auditor").post().uri("/api/admin/projections/rebuild")
                .exchange());
        answers.put("GET /actuator/health", () -> http.get().uri("/actuator/health").exchange());
        answers.put("GET /v3/api-docs", () -> http.get().uri("/v3/api-docs").exchange());
        Map<String, String> policies = new java.util.LinkedHashMap<>();
        answers.forEach((what, answer) -> policies.put(what + " (" + answer.get().returnResult(byte[].class)
                .getStatus().value() + ")", String.valueOf(answer.get().returnResult(byte[].class).getResponseHeaders()
                .getFirst("Content-Security-Policy"))));
        assertThat(policies).allSatisfy((what, csp) -> assertThat(csp).as(what).contains("default-src 'self'")
                .contains("frame-ancestors 'none'"));
    }

    private WebTestClient.ResponseSpec login(String xsrf, String token, String password, MediaType accept) {
        return http.post().uri("/login").cookie("XSRF-TOKEN", xsrf).header("X-CSRF-TOKEN", token).accept(accept)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "operator").with("password", password)).exchange();
    }

    /** A flood of anonymous calls used to open one server-side session each (the store holds 10,000 at most). */
    @Test
    void anonymousCallsStoreNoSessionYetTheSignInPageGetsItsCsrfToken() {
        InMemoryWebSessionStore store = (InMemoryWebSessionStore) ((DefaultWebSessionManager) sessions)
                .getSessionStore();
        int before = store.getSessions().size();
        for (int i = 0; i < 50; i++) {
            EntityExchangeResult<Map> answer = anonymousSession(null);
            assertThat(answer.getResponseBody().get("csrfToken")).isNotNull();
            assertThat(answer.getResponseCookies().getFirst("SESSION")).isNull();
            http.get().uri("/api/environments").exchange().expectStatus().isUnauthorized()
                    .expectCookie().doesNotExist("SESSION");
            http.get().uri("/login").exchange().expectStatus().isOk().expectCookie().doesNotExist("SESSION");
        }
        assertThat(store.getSessions().size()).as("sessions stored").isLessThanOrEqualTo(before);

        // and the token handed out works for the sign-in it is for
        EntityExchangeResult<Map> anonymous = anonymousSession(null);
        login(anonymous.getResponseCookies().getFirst("XSRF-TOKEN").getValue(),
                (String) anonymous.getResponseBody().get("csrfToken"), "operator-secret", MediaType.APPLICATION_JSON)
                .expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo("operator");
        assertThat(store.getSessions().size()).as("a session once signed in").isEqualTo(before + 1);
    }
}
