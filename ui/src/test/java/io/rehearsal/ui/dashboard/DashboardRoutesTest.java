package io.rehearsal.ui.dashboard;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardRoutesTest {

    @Test
    void aBuildWithoutTheFrontEndAnswersAProblemThatSaysSo() {
        WebTestClient client = WebTestClient.bindToRouterFunction(
                DashboardRoutes.routes(new ClassPathResource("no-such-front-end/"))).build();
        for (String path : new String[]{"/", "/tests/abc"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail ->
                            assertThat(detail.toString()).contains("no dashboard").contains("/api/"));
        }
    }
}
