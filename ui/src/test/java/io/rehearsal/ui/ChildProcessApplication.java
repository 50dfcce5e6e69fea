package io.rehearsal.ui;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.DrTestView;
import io.rehearsal.api.EnvironmentView;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Rehearsal in a JVM of its own, so a test can kill it the hard way ({@code kill -9}) and start it again on
 * the same data directory. Built from the test class path; answers over loopback HTTP.
 */
final class ChildProcessApplication implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dataDir;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int port;
    private Path log;

    ChildProcessApplication(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.extraArgs = extraArgs;
    }

    void start() throws IOException {
        start("http.port", "child.log");
    }

    /** Starts with its own port file and log, so several instances can share one data directory. */
    void start(String portFileName, String logName) throws IOException {
        Path portFile = dataDir.resolve(portFileName);
        log = dataDir.resolve(logName);
        Files.createDirectories(dataDir);
        Files.deleteIfExists(portFile);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-Daxoniq.update-checker.disabled=true",
                "-cp", classPath, "io.rehearsal.RehearsalApplication",
                "--server.port=0", "--server.address=127.0.0.1",
                "--rehearsal.data-dir=" + dataDir, "--rehearsal.port-file=" + portFile,
                "--rehearsal.users[0].username=operator", "--rehearsal.users[0].password={noop}operator-secret",
                "--rehearsal.users[0].role=ADMIN"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(logName).toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        process = builder.start();
        await().atMost(START_DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Rehearsal exited with " + process.exitValue() + "; see "
                        + dataDir.resolve(logName));
            }
            return Files.exists(portFile) && !Files.readString(portFile).isBlank();
        });
        port = Integer.parseInt(Files.readString(portFile).trim());
    }

    /** The process's id: what the simulator's journal names as who executed an action ({@code pid@host}). */
    long pid() {
        return process.pid();
    }

    /** Whether this instance's log has a line containing {@code text}. */
    boolean logged(String text) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Starts a DR test on a demo environment, once its view exists, as the operator; returns the test id. */
    String startTest(String environmentId) throws IOException, InterruptedException {
        await().atMost(START_DEADLINE).until(() -> get("/api/environments/" + environmentId).statusCode() == 200);
        EnvironmentView env = JSON.readValue(get("/api/environments/" + environmentId).body(), EnvironmentView.class);
        HttpResponse<String> started = postJson("/api/environments/" + environmentId + "/dr-tests",
                JSON.writeValueAsString(Map.of("acknowledgedPreconditions", RunningApplicationTest.ALL_PRECONDITIONS,
                        "confirmationName", env.displayName())));
        if (started.statusCode() != 202) {
            throw new IllegalStateException("start refused: " + started.statusCode() + " " + started.body());
        }
        return JSON.readTree(started.body()).get("testId").asText();
    }

    DrTestView progress(String testId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/dr-tests/" + testId);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no progress for " + testId + ": " + response.body());
        }
        return JSON.readValue(response.body(), DrTestView.class);
    }

    EnvironmentView environment(String environmentId) throws IOException, InterruptedException {
        return JSON.readValue(get("/api/environments/" + environmentId).body(), EnvironmentView.class);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder().encodeToString("operator:operator-secret"
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + credentials);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
