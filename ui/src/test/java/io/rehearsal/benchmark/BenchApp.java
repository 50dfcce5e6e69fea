package io.rehearsal.benchmark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.rehearsal.RehearsalApplication;
import io.rehearsal.api.Actor;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.RecordBackupCommand;
import io.rehearsal.api.RegisterEnvironmentCommand;
import io.rehearsal.api.Targets;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The real application in this JVM, as {@code java -jar} would run it on embedded defaults: its own data
 * directory, a random loopback port, no demo inventory, the simulator at the given speed (infinite: no added
 * latency). Logs go to a file in the data directory, as a service's would, not to the suite's console.
 */
final class BenchApp implements AutoCloseable {

    static final String REGION = "bench-south-1";
    static final String DR_REGION = "bench-north-1";
    static final List<String> PRECONDITIONS = List.of("unavailable", "data-loss", "users-informed", "no-changes",
            "next-steps");
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    final Path dataDir;
    final ConfigurableApplicationContext context;
    final int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int environments;

    private BenchApp(Path dataDir, ConfigurableApplicationContext context) {
        this.dataDir = dataDir;
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static BenchApp start(Path dataDir, double simulatorSpeed) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--server.address=127.0.0.1",
                "--rehearsal.data-dir=" + dataDir,
                "--rehearsal.demo.enabled=false",
                "--rehearsal.simulator.speed=" + simulatorSpeed,
                "--rehearsal.simulator.backup-interval=0", // no simulated backups: the scenarios record their own
                "--logging.file.name=" + dataDir.resolve("rehearsal.log"),
                "--logging.config=classpath:benchmark-logback.xml",
                "--spring.main.banner-mode=off"));
        List<String> roles = List.of("admin", "operator", "auditor");
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            args.add("--rehearsal.users[" + i + "].username=" + role);
            args.add("--rehearsal.users[" + i + "].password={noop}" + role + "-secret");
            args.add("--rehearsal.users[" + i + "].role=" + role.toUpperCase());
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RehearsalApplication.class)
                .logStartupInfo(false).run(args.toArray(String[]::new));
        return new BenchApp(dataDir, context);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    MongoDatabase views() {
        return bean(MongoDatabase.class);
    }

    long storedEvents() {
        return bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    /**
     * Registers {@code count} DR-enabled environments in the failing region, each with a recent backup, and
     * waits until the environment view holds them all and every processor is idle again, so that set-up work
     * does not run into what is measured next.
     */
    List<EnvironmentId> registerEnvironments(int count) throws Exception {
        CommandGateway commands = bean(CommandGateway.class);
        Semaphore inFlight = new Semaphore(32);
        List<EnvironmentId> ids = new ArrayList<>();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        Instant backupTime = Instant.now().minus(Duration.ofMinutes(20));
        for (int i = 0; i < count; i++) {
            int n = environments++;
            EnvironmentId id = EnvironmentId.of("env-" + n);
            ids.add(id);
            // one /24 each: a region has room for 65,536 of them, and the DR region as many again
            String cidr = "10." + (n / 256) % 256 + "." + n % 256 + ".0/24";
            EnvironmentConfiguration configuration = new EnvironmentConfiguration(
                    new DatabaseConfiguration("postgres", "16.4", "db.r6g.large", 200),
                    new FrontEndConfiguration(2, "m6i.large", 50), new NetworkConfiguration(cidr),
                    new KeptConfiguration(true, false, true, List.of("203.0.113.0/24"), List.of()));
            inFlight.acquire();
            CompletableFuture<?> done = send(commands, new RegisterEnvironmentCommand(id, "Environment " + n,
                    Purpose.PRE_PRODUCTION, REGION, DR_REGION, true, configuration,
                    new Targets(Duration.ofHours(4), Duration.ofHours(24), 365)))
                    .thenCompose(r -> send(commands, new RecordBackupCommand(id, "bkp-" + id, backupTime)))
                    .whenComplete((r, e) -> inFlight.release());
            sent.add(done);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long expected = environments;
        await("environment view", Duration.ofMinutes(5),
                () -> views().getCollection("environments").countDocuments() >= expected);
        awaitProcessorsIdle();
        return ids;
    }

    static CompletableFuture<Object> send(CommandGateway commands, Object command) {
        return commands.send(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actor.METADATA_KEY, "operator")));
    }

    /**
     * Every streaming processor has caught up with the head of the event store: Axon marks its segments caught up
     * (once, the flag stays), past any replay, and each has handled every event stored so far.
     */
    void awaitProcessorsIdle() throws InterruptedException {
        EventProcessingConfiguration processing = bean(EventProcessingConfiguration.class);
        try {
            await("processors caught up", Duration.ofMinutes(10), () -> lagging(processing).isEmpty());
        } catch (IllegalStateException timedOut) {
            throw new IllegalStateException(timedOut.getMessage() + "; behind: " + lagging(processing), timedOut);
        }
        awaitProcessorsAtHead(processing);
    }

    /**
     * Every segment of every streaming processor is at the event store's head (a pooled processor offers each event
     * to every segment, so positions move also past events a segment does not handle), and no handler appended more
     * meanwhile: the head is the same once they all reached it.
     */
    private void awaitProcessorsAtHead(EventProcessingConfiguration processing) throws InterruptedException {
        StreamableMessageSource<?> store = bean("eventBus", StreamableMessageSource.class);
        long head = -2;
        for (int round = 0; round < 1_000; round++) {
            long target = store.createHeadToken().position().orElse(-1);
            if (target == head) {
                return;
            }
            head = target;
            await("processors at position " + target, Duration.ofMinutes(2), Duration.ofMillis(1),
                    () -> processing.eventProcessors().values().stream()
                            .filter(StreamingEventProcessor.class::isInstance)
                            .map(StreamingEventProcessor.class::cast)
                            .allMatch(p -> p.processingStatus().values().stream()
                                    .allMatch(status -> status.getCurrentPosition().orElse(-1) >= target)));
        }
        throw new IllegalStateException("the event store's head kept moving: last at " + head);
    }

    /**
     * Caught up, and past any replay. A segment stays "replaying" after a rebuild until an event beyond the reset
     * position arrives; having read up to that position, it has replayed everything there was.
     */
    private static boolean idle(org.axonframework.eventhandling.EventTrackerStatus status) {
        return status.isCaughtUp() && (!status.isReplaying() || status.getCurrentPosition().orElse(-1)
                >= status.getResetPosition().orElse(Long.MAX_VALUE));
    }

    /** The streaming processors not caught up, with their segments' status. */
    private static Map<String, String> lagging(EventProcessingConfiguration processing) {
        Map<String, String> behind = new java.util.TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor p && (p.processingStatus().isEmpty()
                    || !p.processingStatus().values().stream().allMatch(BenchApp::idle))) {
                behind.put(name, p.processingStatus().isEmpty() ? "no segment claimed (running: " + p.isRunning()
                        + ", error: " + p.isError() + ")" : p.processingStatus().toString());
            }
        });
        return behind;
    }

    HttpResponse<byte[]> get(String user, String path) throws Exception {
        return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String user, String path, Object body) throws Exception {
        return http.send(request(user, path).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String user, String path) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + user + "-secret")
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + credentials).timeout(Duration.ofMinutes(5));
    }

    /** Starts a test through the HTTP API, as an operator would; returns the new test's id. */
    String startOverHttp(EnvironmentId id, int number) throws Exception {
        HttpResponse<String> response = post("operator", "/api/environments/" + id + "/dr-tests",
                Map.of("acknowledgedPreconditions", PRECONDITIONS, "confirmationName", "Environment " + number));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("start of a test on " + id + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return (String) JSON.readValue(response.body(), Map.class).get("testId");
    }

    /** Polls a condition every 10 ms until it holds; fails past the deadline. */
    static void await(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        await(what, deadline, Duration.ofMillis(10), condition);
    }

    static void await(String what, Duration deadline, Duration poll, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + deadline + " waiting for " + what);
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** What the data directory holds on disk, its log left out: the stores, journals and outbox. */
    long dataDirBytes() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("rehearsal.log"))
                    .mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dataDir, e);
        }
    }

    /**
     * Stops the application and deletes its data, all but the log: an embedded store grows by gigabytes in a large
     * outage (H2 keeps superseded pages for its retention time), and a full suite runs a dozen of them.
     */
    @Override
    public void close() {
        context.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(file -> !file.equals(dataDir) && !file.getFileName().toString().equals("rehearsal.log"))
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dataDir, e);
        }
    }
}
