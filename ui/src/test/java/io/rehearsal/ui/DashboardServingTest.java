package io.rehearsal.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's page and files, served with a test-only build of it ({@code src/test/resources/static}): the page
 * for every page path, hashed files cached for good, the page never without revalidation, a strict CSP everywhere.
 */
class DashboardServingTest extends RunningApplicationTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/tests/abc", "/environments/acme-preprod", "/login", "/audit/x.y"})
    void everyPagePathAnswersTheDashboardsPageToAnAnonymousBrowser(String path) {
        String page = web.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectHeader().valueEquals("Content-Security-Policy", CSP)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "same-origin")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("rehearsal-test-index");
    }

    @Test
    void aHeadRequestForADeepLinkIsAnsweredLikeItsGet() {
        web.head().uri("/tests/abc").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Test
    void onlyReadingAPageAnswersThePage() {
        web.post().uri("/tests/abc").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().value(status -> assertThat(status).isBetween(400, 499))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aHashedAssetIsServedAsItIsAndCachedForGood() {
        String script = web.get().uri("/assets/test.js").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .expectHeader().valueEquals("Content-Security-Policy", CSP)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(script).contains("rehearsal-test-asset");
    }

    @Test
    void aMissingAssetIsA404NotThePage() {
        web.get().uri("/assets/gone-1234.js").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theApiKeepsItsOwnAnswers() {
        as("operator").get().uri("/api/unknown").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Content-Security-Policy", CSP)
                .expectBody().jsonPath("$.status").isEqualTo(404);
        web.get().uri("/api/environments").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Content-Security-Policy", CSP);
        web.get().uri("/actuator/unknown").exchange()
                .expectStatus().value(status -> assertThat(status).isIn(401, 404));
        web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }
}
