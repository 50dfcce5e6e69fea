package io.rehearsal.ui;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.Map;

/**
 * A browser signed in through the dashboard's form, as the sign-in page does it: the anonymous CSRF token from
 * {@code GET /api/session}, the form posted with it, then the session's own token asked for.
 */
record SignedInBrowser(String session, String csrfCookie, String csrfHeader, String csrfToken) {

    /** Signs {@code user} in (password {@code user-secret}, as {@link RunningApplicationTest} configures them). */
    static SignedInBrowser signIn(WebTestClient http, String user) {
        EntityExchangeResult<Map> anonymous = http.get().uri("/api/session").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult();
        String anonymousCsrf = anonymous.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        EntityExchangeResult<Void> login = http.post().uri("/login").cookie("XSRF-TOKEN", anonymousCsrf)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", user).with("password", user + "-secret")
                        .with("_csrf", (String) anonymous.getResponseBody().get("csrfToken")))
                .exchange().expectStatus().isFound().expectBody(Void.class).returnResult();
        String session = login.getResponseCookies().getFirst("SESSION").getValue();
        String csrf = login.getResponseCookies().getFirst("XSRF-TOKEN").getValue();
        Map<?, ?> me = http.get().uri("/api/session").cookie("SESSION", session).cookie("XSRF-TOKEN", csrf).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return new SignedInBrowser(session, csrf, (String) me.get("csrfHeaderName"), (String) me.get("csrfToken"));
    }

    /** {@code http} sending this browser's cookies and CSRF token with every request. */
    WebTestClient client(WebTestClient http) {
        return http.mutate().defaultCookie("SESSION", session).defaultCookie("XSRF-TOKEN", csrfCookie)
                .defaultHeader(csrfHeader, csrfToken).build();
    }

    /** The {@code Cookie} header this browser sends. */
    String cookieHeader() {
        return "SESSION=" + session + "; XSRF-TOKEN=" + csrfCookie;
    }
}
