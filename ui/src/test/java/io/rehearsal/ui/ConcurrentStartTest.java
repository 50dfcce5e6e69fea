package io.rehearsal.ui;

import io.rehearsal.api.DrTestHistoryPage;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The write model, not a read-model lookup, keeps one test per environment: fifty racing starts, one winner. */
class ConcurrentStartTest extends RunningApplicationTest {

    @LocalServerPort
    int port;

    private static final String ENV = "acme-preprod";
    private static final int STARTS = 50;

    @Test
    void fiftyParallelStartsOnOneEnvironmentGiveOne202AndFortyNine409() {
        String name = environment(ENV).displayName();
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth("operator", "operator-secret")).build();
        long testsBefore = history().total();

        gate.hold(ENV); // the winner stays running while the others arrive
        Map<Integer, Long> byStatus;
        try {
            List<Integer> statuses = Flux.range(0, STARTS)
                    .flatMap(i -> client.post().uri("/api/environments/{id}/dr-tests", ENV)
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody(name))
                            .exchangeToMono(response -> response.releaseBody()
                                    .thenReturn(response.statusCode().value())), STARTS)
                    .collectList().block(DEADLINE);
            byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        } finally {
            gate.release(ENV);
        }

        assertThat(byStatus).containsOnly(Map.entry(202, 1L), Map.entry(409, (long) STARTS - 1));
        DrTestHistoryPage after = history();
        assertThat(after.total()).isEqualTo(testsBefore + 1);
        String winner = after.items().get(0).testId().value();
        awaitIdle(ENV);
        assertThat(progress(winner).status()).isEqualTo(TestStatus.COMPLETED);
    }

    private DrTestHistoryPage history() {
        return as("auditor").get().uri("/api/dr-tests?environmentId={env}", ENV).exchange().expectStatus().isOk()
                .expectBody(DrTestHistoryPage.class).returnResult().getResponseBody();
    }

}
