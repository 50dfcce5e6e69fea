package io.rehearsal.ui;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser signs in (the dashboard with JSON, or a plain form), works through its session cookie, signs out, and
 * cannot be tricked into a change.
 */
class BrowserSessionTest extends RunningApplicationTest {

    private static final String ENV = "globex-staging";
    private static final String UNKNOWN_TEST = "0f0e0d0c-0000-4000-8000-000000000000";

    /** What the sign-in page starts from: no session on the server, a CSRF cookie and its token. */
    record Anonymous(ResponseCookie cookie, String csrfToken) {
    }

    Anonymous anonymousSession() {
        EntityExchangeResult<Map> result = web.get().uri("/api/session").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult();
        assertThat(result.getResponseCookies().getFirst("SESSION")).as("reading the token opens no session").isNull();
        ResponseCookie cookie = result.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(cookie).as("the token's cookie").isNotNull();
        assertThat(cookie.isHttpOnly()).as("the dashboard reads the token from the answer, never the cookie").isTrue();
        return new Anonymous(cookie, (String) result.getResponseBody().get("csrfToken"));
    }

    WebTestClient.ResponseSpec jsonLogin(Anonymous anonymous, String username, String password) {
        return web.post().uri("/login").cookie("XSRF-TOKEN", anonymous.cookie().getValue())
                .header("X-CSRF-TOKEN", anonymous.csrfToken()).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username).with("password", password))
                .exchange();
    }

    @Test
    void aLoggedInBrowserReadsWithItsSessionAndChangesOnlyWithItsCsrfToken() {
        Anonymous anonymous = anonymousSession();
        EntityExchangeResult<Void> login = web.post().uri("/login").cookie("XSRF-TOKEN", anonymous.cookie().getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "operator").with("password", "operator-secret")
                        .with("_csrf", anonymous.csrfToken()))
                .exchange().expectStatus().isFound().expectHeader().location("/")
                .expectBody(Void.class).returnResult();
        ResponseCookie session = login.getResponseCookies().getFirst("SESSION");
        ResponseCookie csrf = login.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(session).as("a session once signed in").isNotNull();
        assertThat(csrf.getValue()).as("a new CSRF token after sign-in").isNotEqualTo(anonymous.cookie().getValue());

        Map<?, ?> me = web.get().uri("/api/session").cookie("SESSION", session.getValue())
                .cookie("XSRF-TOKEN", csrf.getValue()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(me.get("username")).isEqualTo("operator");
        assertThat(me.get("roles")).isEqualTo(java.util.List.of("OPERATOR"));
        String token = (String) me.get("csrfToken");

        long events = storedEvents();
        web.post().uri("/api/environments/{id}/dr-tests", ENV).cookie("SESSION", session.getValue())
                .cookie("XSRF-TOKEN", csrf.getValue())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody("Globex Staging")).exchange()
                .expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("CSRF"));
        assertThat(storedEvents()).as("a forged request changes nothing").isEqualTo(events);

        web.post().uri("/api/environments/{id}/dr-tests", ENV).cookie("SESSION", session.getValue())
                .cookie("XSRF-TOKEN", csrf.getValue()).header((String) me.get("csrfHeaderName"), token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody("Globex Staging")).exchange()
                .expectStatus().isAccepted();
        awaitIdle(ENV);
    }

    @Test
    void aChangeSentCrossSiteNeedsTheCsrfTokenEvenWithBasicCredentials() {
        long events = storedEvents();
        as("operator").post().uri("/api/environments/{id}/dr-tests", ENV).header("Sec-Fetch-Site", "cross-site")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody("Globex Staging")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("CSRF"));
        as("admin").post().uri("/api/dr-tests/{id}/resume", "0f0e0d0c-0000-4000-8000-000000000000")
                .header("Origin", "https://attacker.example").exchange()
                .expectStatus().isForbidden();
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void aBrowserWithoutSessionGetsTheDashboardWhichShowsSignIn() {
        web.get().uri("/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page).contains("rehearsal-test-index"));
    }

    @Test
    void theDashboardsRequestsGetNoBasicChallengeSoTheBrowserShowsNoPasswordPrompt() {
        web.get().uri("/api/environments").header("X-Requested-With", "XMLHttpRequest").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist("WWW-Authenticate")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/environments").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"Rehearsal\"");
    }

    @Test
    void anAnonymousBrowserIsToldNobodyIsSignedInAndGetsItsCsrfToken() {
        web.get().uri("/api/session").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.authenticated").isEqualTo(false)
                .jsonPath("$.username").isEmpty() // null: the raw body below shows the key is there
                .jsonPath("$.roles").isEmpty()
                .jsonPath("$.csrfHeaderName").isEqualTo("X-CSRF-TOKEN")
                .jsonPath("$.csrfToken").value(token -> assertThat(token.toString()).isNotBlank());
        String raw = web.get().uri("/api/session").exchange().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(raw).contains("\"username\":null");
        web.get().uri("/api/session").headers(h -> h.setBasicAuth("operator", "wrong")).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        as("auditor").get().uri("/api/session").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.authenticated").isEqualTo(true)
                .jsonPath("$.username").isEqualTo("auditor")
                .jsonPath("$.roles[0]").isEqualTo("AUDITOR");
    }

    @Test
    void theDashboardSignsInWithJsonAndGetsItsSessionWithANewSessionId() {
        Anonymous anonymous = anonymousSession();
        EntityExchangeResult<Map> login = jsonLogin(anonymous, "admin", "admin-secret")
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(Map.class).returnResult();
        Map<?, ?> view = login.getResponseBody();
        assertThat(view.get("authenticated")).isEqualTo(true);
        assertThat(view.get("username")).isEqualTo("admin");
        assertThat(view.get("roles")).isEqualTo(List.of("ADMIN", "AUDITOR", "OPERATOR"));
        assertThat(view.get("csrfHeaderName")).isEqualTo("X-CSRF-TOKEN");
        ResponseCookie session = login.getResponseCookies().getFirst("SESSION");
        ResponseCookie csrf = login.getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(session).as("a session once signed in").isNotNull();
        assertThat(csrf.getValue()).as("a new CSRF token after sign-in").isNotEqualTo(anonymous.cookie().getValue());

        // the token of the answer works for a change: the unknown test is a 404, not a CSRF refusal
        web.post().uri("/api/dr-tests/{id}/resume", UNKNOWN_TEST).cookie("SESSION", session.getValue())
                .cookie("XSRF-TOKEN", csrf.getValue())
                .header("X-CSRF-TOKEN", (String) view.get("csrfToken")).exchange()
                .expectStatus().isNotFound();
        web.post().uri("/api/dr-tests/{id}/resume", UNKNOWN_TEST).cookie("SESSION", session.getValue())
                .cookie("XSRF-TOKEN", csrf.getValue()).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("CSRF"));
        // the token from before sign-in is worth nothing after it
        web.post().uri("/api/dr-tests/{id}/resume", UNKNOWN_TEST).cookie("SESSION", session.getValue())
                .cookie("XSRF-TOKEN", csrf.getValue()).header("X-CSRF-TOKEN", anonymous.csrfToken()).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aWrongPasswordIsA401ProblemForTheDashboardAndARedirectForAForm() {
        Anonymous anonymous = anonymousSession();
        jsonLogin(anonymous, "operator", "not-the-password")
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("The user name or password is not right.");
        jsonLogin(anonymous, "nobody", "x").expectStatus().isUnauthorized();

        web.post().uri("/login").cookie("XSRF-TOKEN", anonymous.cookie().getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "operator").with("password", "not-the-password")
                        .with("_csrf", anonymous.csrfToken()))
                .exchange().expectStatus().isFound().expectHeader().location("/login?error")
                .expectCookie().doesNotExist("SESSION");
    }

    @Test
    void aSignInWithTheCsrfCookieButWithoutItsTokenIsRefused() {
        Anonymous anonymous = anonymousSession();
        web.post().uri("/login").cookie("XSRF-TOKEN", anonymous.cookie().getValue()).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "operator").with("password", "operator-secret"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void signingOutNeedsTheCsrfTokenAndEndsTheSession() {
        Anonymous anonymous = anonymousSession();
        EntityExchangeResult<Map> login = jsonLogin(anonymous, "operator", "operator-secret")
                .expectStatus().isOk().expectBody(Map.class).returnResult();
        String session = login.getResponseCookies().getFirst("SESSION").getValue();
        String csrf = login.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        String token = (String) login.getResponseBody().get("csrfToken");

        web.post().uri("/logout").cookie("SESSION", session).cookie("XSRF-TOKEN", csrf).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("CSRF"));
        web.get().uri("/api/session").cookie("SESSION", session).exchange()
                .expectBody().jsonPath("$.authenticated").isEqualTo(true);

        web.post().uri("/logout").cookie("SESSION", session).cookie("XSRF-TOKEN", csrf).header("X-CSRF-TOKEN", token)
                .exchange().expectStatus().isNoContent()
                .expectCookie().maxAge("XSRF-TOKEN", java.time.Duration.ZERO); // the token ends with the session
        web.get().uri("/api/session").cookie("SESSION", session).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.authenticated").isEqualTo(false);
        web.get().uri("/api/environments").cookie("SESSION", session).exchange().expectStatus().isUnauthorized();
    }
}
