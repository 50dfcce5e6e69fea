package io.rehearsal.ui;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser logs in with a form, works through its session cookie, and cannot be tricked into a change. */
class BrowserSessionTest extends RunningApplicationTest {

    private static final String ENV = "globex-staging";
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void aLoggedInBrowserReadsWithItsSessionAndChangesOnlyWithItsCsrfToken() {
        EntityExchangeResult<String> loginPage = web.get().uri("/login").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        Matcher csrf = CSRF_INPUT.matcher(loginPage.getResponseBody());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        ResponseCookie anonymous = loginPage.getResponseCookies().getFirst("SESSION");

        ResponseCookie session = web.post().uri("/login").cookie("SESSION", anonymous.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "operator").with("password", "operator-secret")
                        .with("_csrf", csrf.group(1)))
                .exchange().expectStatus().isFound()
                .returnResult(Void.class).getResponseCookies().getFirst("SESSION");
        assertThat(session.getValue()).as("a new session id after login").isNotEqualTo(anonymous.getValue());

        Map<?, ?> me = web.get().uri("/api/session").cookie("SESSION", session.getValue()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(me.get("username")).isEqualTo("operator");
        assertThat(me.get("roles")).isEqualTo(java.util.List.of("OPERATOR"));
        String token = (String) me.get("csrfToken");

        long events = storedEvents();
        web.post().uri("/api/environments/{id}/dr-tests", ENV).cookie("SESSION", session.getValue())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody("Globex Staging")).exchange()
                .expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("CSRF"));
        assertThat(storedEvents()).as("a forged request changes nothing").isEqualTo(events);

        web.post().uri("/api/environments/{id}/dr-tests", ENV).cookie("SESSION", session.getValue())
                .header((String) me.get("csrfHeaderName"), token)
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
    void aBrowserWithoutSessionIsSentToTheLoginPage() {
        web.get().uri("/").exchange().expectStatus().isFound().expectHeader().location("/login");
    }
}
