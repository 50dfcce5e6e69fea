package io.rehearsal.ui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests an attacker or a careless client sends, over plain HTTP and mostly without signing in: each answered
 * with a 4xx problem document whose detail says what was wrong, none with a 5xx, and none leaving a stack trace
 * (a cheap log flood) in the application's log.
 */
class HostileInputTest extends RunningApplicationTest {

    private static final String TEST_ID = "0f0e0d0c-0000-4000-8000-000000000000";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    private record Hostile(String what, HttpRequest request, int status) {
    }

    @BeforeEach
    void captureTheLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        root.detachAppender(log);
    }

    @Test
    void everyHostileRequestIsAFourHundredProblemWithADetailAndNoStackTraceInTheLog() throws Exception {
        List<Hostile> hostile = new ArrayList<>();
        for (String origin : new String[] {"http://[bad", "%%%", "http://host:port", "http:// space"}) {
            hostile.add(new Hostile("a change with the malformed Origin " + origin, request("/api/dr-tests/" + TEST_ID
                    + "/resume", "admin").header("Origin", origin).POST(HttpRequest.BodyPublishers.noBody()).build(), 403));
            hostile.add(new Hostile("an unsigned change with the malformed Origin " + origin, request("/api/dr-tests/"
                    + TEST_ID + "/report", null).header("Origin", origin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), 403));
        }
        hostile.add(new Hostile("a sign-in form over 256 KB", request("/login", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + "x".repeat(300 * 1024)))
                .build(), 413));
        hostile.add(new Hostile("a report edit over 256 KB", request("/api/dr-tests/" + TEST_ID + "/report", "operator")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"observations\": \"" + "x".repeat(300 * 1024) + "\"}"))
                .build(), 413));
        for (String instant : new String[] {"%2B1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59Z", "%2B10000-01-01T00:00:00Z"}) {
            for (String parameter : new String[] {"from", "to"}) {
                hostile.add(new Hostile("the audit trail " + parameter + " " + instant, get("/api/audit?" + parameter
                        + "=" + instant, "auditor"), 400));
                hostile.add(new Hostile("the compliance report " + parameter + " " + instant,
                        get("/api/reports/compliance?" + parameter + "=" + instant, "auditor"), 400));
                hostile.add(new Hostile("the history " + parameter + " " + instant,
                        get("/api/dr-tests?" + parameter + "=" + instant, "auditor"), 400));
            }
            hostile.add(new Hostile("a report as of " + instant, get("/api/dr-tests/" + TEST_ID + "/report?asOf="
                    + instant, "auditor"), 400));
        }
        for (String path : new String[] {"/api/..;/environments", "/api/%2e%2e/environments",
                "/api/environments%2Fglobex-staging", "/api/dr-tests/%2e%2e%2f", "/api/environments/%00",
                "/api/;jsessionid=1/environments", "/api//environments", "/api/environments/%25"}) {
            hostile.add(new Hostile("the path " + path, get(path, "auditor"), 400));
        }
        hostile.add(new Hostile("a start with an unknown precondition", request(
                "/api/environments/globex-staging/dr-tests", "operator").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"acknowledgedPreconditions\": [\"coffee-ready\"], "
                        + "\"confirmationName\": \"Globex Staging\"}")).build(), 422));
        hostile.add(new Hostile("a page that is no number", get("/api/audit?page=first", "auditor"), 400));
        hostile.add(new Hostile("a size that is no number", get("/api/audit?size=1e3", "auditor"), 400));
        hostile.add(new Hostile("a start without a body", request("/api/environments/globex-staging/dr-tests",
                "operator").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())
                .build(), 400));
        hostile.add(new Hostile("a start without a content type", request("/api/environments/globex-staging/dr-tests",
                "operator").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 415));
        hostile.add(new Hostile("a start as XML", request("/api/environments/globex-staging/dr-tests", "operator")
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<start/>"))
                .build(), 415));
        hostile.add(new Hostile("an unknown API address", get("/api/nothing-here", "auditor"), 404));
        hostile.add(new Hostile("a method the address does not take", request("/api/environments", "admin")
                .DELETE().build(), 405));
        hostile.add(new Hostile("a representation the API does not give", request("/api/environments", "auditor")
                .header("Accept", "text/csv").GET().build(), 406));

        long events = storedEvents();
        log.list.clear();
        for (Hostile h : hostile) {
            HttpResponse<String> response;
            try {
                response = http.send(h.request(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new AssertionError(h.what() + ": no answer", e);
            }
            assertThat(response.statusCode()).as(h.what() + ": " + response.body()).isEqualTo(h.status());
            assertThat(response.headers().firstValue("Content-Type")).as(h.what())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.path("status").asInt()).as(h.what()).isEqualTo(h.status());
            assertThat(problem.path("detail").asText()).as(h.what()).isNotBlank()
                    .doesNotContainPattern(RequestContractTest.IMPLEMENTATION);
        }

        // the HTTP server refuses these before the application sees them; sent as raw bytes, as an attacker would
        rawExchange("an address of 10 KB", "GET /api/environments?x=" + "a".repeat(10 * 1024) + " HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n", 414);
        rawExchange("a header of 20 KB", "GET /api/environments HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "p".repeat(20 * 1024) + "\r\n\r\n", 431);
        rawExchange("a request line that is no HTTP", "GET /api/environments HTTP/9.x\r\nHost: localhost\r\n\r\n",
                400);

        assertThat(storedEvents()).as("events recorded by hostile requests").isEqualTo(events);
        List<ILoggingEvent> lines = List.copyOf(log.list);
        assertThat(lines).as("log lines with a stack trace")
                .noneMatch(line -> line.getThrowableProxy() != null);
        assertThat(lines.stream().filter(line -> line.getLevel().isGreaterOrEqual(Level.WARN)).count())
                .as("warnings and errors logged for " + (hostile.size() + 3) + " refused requests")
                .isLessThanOrEqualTo(hostile.size() + 3);
    }

    /** Writes the request as it is, reads the answer until the server closes the connection (10 s at most). */
    private void rawExchange(String what, String request, int status) throws Exception {
        String answer;
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; read.size() < 1_000_000 && (n = socket.getInputStream().read(buffer)) > 0; ) {
                    read.write(buffer, 0, n);
                    if (completeAnswer(read.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError(what + ": no complete answer within 10 s, got: " + read, e);
            }
            answer = read.toString(StandardCharsets.UTF_8);
        }
        assertThat(answer).as(what).startsWith("HTTP/1.1 " + status + " ")
                .containsIgnoringCase("content-type: application/problem+json");
        JsonNode problem = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as(what).isNotBlank()
                .doesNotContainPattern(RequestContractTest.IMPLEMENTATION);
    }

    private static boolean completeAnswer(String answer) {
        int body = answer.indexOf("\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer);
        return body >= 0 && length.find() && answer.length() - body - 4 >= Integer.parseInt(length.group(1));
    }

    private HttpRequest get(String path, String user) {
        return request(path, user).GET().build();
    }

    private HttpRequest.Builder request(String path, String user) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }
}
