package io.rehearsal.ui;

import io.rehearsal.api.TestStatus;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query handlers read their stores with blocking drivers, and the web server has one event-loop thread per
 * core: a handler run on one would hold every connection that loop serves while it reads. So each query the API
 * asks, on every kind of request, is answered on another thread. Asked by a signed-in browser: HTTP Basic checks
 * its password off the event loop, which would hide a query left on it.
 */
class QueriesOffTheEventLoopTest extends RunningApplicationTest {

    /**
     * The threads a query must not hold: the server's event loops (named webflux-http-epoll-N by Spring Boot, -nio-N
     * where the native transport does not load) and Reactor's parallel timers, where a wait's delay resumes.
     */
    private static final Pattern NON_BLOCKING = Pattern.compile("webflux-http-\\w+-\\d+|reactor-http-\\w+-\\d+|parallel-\\d+");

    @Autowired
    QueryBus queryBus;
    @LocalServerPort
    int port;

    private final Map<String, Set<String>> threadsByQuery = new ConcurrentHashMap<>();
    private Registration recording;
    /** Over the wire: the autowired client calls the application in its own threads, not through the server */
    private WebTestClient http;

    @BeforeEach
    void recordWhereQueriesAreHandled() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(DEADLINE).build();
        recording = queryBus.registerHandlerInterceptor((MessageHandlerInterceptor<QueryMessage<?, ?>>) (unitOfWork, chain) -> {
            threadsByQuery.computeIfAbsent(unitOfWork.getMessage().getPayloadType().getSimpleName(),
                    type -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
            return chain.proceed();
        });
    }

    @AfterEach
    void stopRecording() {
        recording.cancel();
    }

    @Test
    void everyQueryOfEveryRequestIsHandledOffTheEventLoop() {
        String env = "offloop-" + UUID.randomUUID().toString().substring(0, 8);
        WebTestClient admin = http.mutate().defaultHeaders(h -> h.setBasicAuth("admin", "admin-secret")).build();
        admin.post().uri("/api/environments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(EnvironmentInventoryTest.registration(env, "Off the loop " + env)).exchange()
                .expectStatus().isCreated();
        admin.post().uri("/api/environments/{id}/backups", env).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("backupId", "bkp-1", "takenAt", Instant.now().minusSeconds(60).toString())).exchange()
                .expectStatus().isOk();
        WebTestClient operator = signedIn("operator");
        WebTestClient auditor = signedIn("auditor");
        String testId = (String) operator.post().uri("/api/environments/{id}/dr-tests", env)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(startBody("Off the loop " + env)).exchange()
                .expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("testId");
        auditor.get().uri("/api/dr-tests/{id}/stream", testId).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseBody().blockLast(DEADLINE);
        awaitStatus(testId, TestStatus.COMPLETED);

        for (String uri : new String[]{"/api/environments", "/api/environments/" + env,
                "/api/environments/" + env + "/preconditions", "/api/environments/" + env + "/trend",
                "/api/dr-tests?environmentId=" + env, "/api/dr-tests/" + testId, "/api/dr-tests/" + testId + "/report",
                "/api/dr-tests/" + testId + "/report?asOf=" + Instant.now(), "/api/dr-tests/" + testId + "/report.pdf",
                "/api/dr-tests/" + testId + "/next-steps", "/api/dr-tests/" + testId + "/audit",
                "/api/dr-tests/" + testId + "/audit/verify", "/api/reports/compliance",
                "/api/audit?environmentId=" + env, "/api/dr-tests/export.csv?environmentId=" + env}) {
            auditor.get().uri(uri).exchange().expectStatus().isOk();
        }
        operator.put().uri("/api/dr-tests/{id}/report", testId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("observations", "read back at once")).exchange().expectStatus().isNoContent();

        // each kind of query was asked (the recording saw them), and none of them on a non-blocking thread
        assertThat(threadsByQuery).containsKeys("FindEnvironmentsQuery", "FindEnvironmentQuery", "FindTrendQuery",
                "FindDrTestHistoryQuery", "FindDrTestQuery", "FindReportQuery", "FindAuditTrailQuery",
                "VerifyAuditTrailQuery", "FindComplianceQuery", "StreamDrTestHistoryQuery");
        assertThat(threadsByQuery.values()).allSatisfy(threads ->
                assertThat(threads).isNotEmpty().noneMatch(thread -> NON_BLOCKING.matcher(thread).matches()));
    }

    private WebTestClient signedIn(String user) {
        return SignedInBrowser.signIn(http, user).client(http);
    }
}
