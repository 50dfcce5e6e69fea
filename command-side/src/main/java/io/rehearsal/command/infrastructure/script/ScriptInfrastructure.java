package io.rehearsal.command.infrastructure.script;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rehearsal.command.infrastructure.InfrastructureProvider;
import io.rehearsal.command.infrastructure.JsonLinesJournal;
import io.rehearsal.command.infrastructure.RecordedOutcome;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one executable per step from a folder, so operators wire Rehearsal to their own Terraform, Ansible or
 * cloud CLI. The contract (README, "Script provider"): environment variables describe the attempt; exit 0 is
 * success, 75 (EX_TEMPFAIL) a transient failure to retry, anything else a permanent failure; a JSON object on the
 * last line of standard output is the step's facts; standard error is kept, bounded, for the audit trail; past
 * the step's timeout the whole process tree is killed. Outcomes are journalled, so a redelivered attempt is
 * answered without running the script again.
 */
public class ScriptInfrastructure implements InfrastructureProvider, AutoCloseable {

    /** EX_TEMPFAIL of sysexits.h: try again later. */
    public static final int TRANSIENT_FAILURE = 75;

    private static final Logger log = LoggerFactory.getLogger(ScriptInfrastructure.class);

    private final Path scriptDir;
    private final int outputLimit;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, RecordedOutcome> outcomes = new ConcurrentHashMap<>();
    private final JsonLinesJournal<Execution> journal;
    private final Path locks;

    record Execution(String key, RecordedOutcome outcome) {
    }

    /**
     * @param scriptDir   the folder with one executable per step, named after the step
     * @param journalDir  where the outcomes of executed attempts are remembered
     * @param outputLimit how many bytes of standard error (and of standard output) are kept
     */
    public ScriptInfrastructure(Path scriptDir, Path journalDir, int outputLimit) {
        this.scriptDir = scriptDir.toAbsolutePath().normalize();
        this.outputLimit = outputLimit;
        this.journal = new JsonLinesJournal<>(journalDir.resolve("journal.jsonl"), Execution.class, json,
                execution -> outcomes.put(execution.key(), execution.outcome()));
        this.locks = journalDir.resolve("running");
    }

    @Override
    public StepOutcome execute(StepRequest request) {
        String key = request.executionKey();
        // one run per attempt at a time, across instances: a second instance that took the step over while the
        // first still runs it waits here, then finds the outcome in the journal; if the first died, it runs it
        try (ExecutionLock ignored = ExecutionLock.acquire(locks, key)) {
            RecordedOutcome known = journal.exclusively(() -> outcomes.get(key));
            if (known != null) {
                log.info("Script provider: {} was already executed; answering from the journal", key);
                return known.toStepOutcome();
            }
            StepOutcome outcome = run(request);
            journal.exclusively(() -> {
                RecordedOutcome recorded = RecordedOutcome.of(outcome);
                outcomes.put(key, recorded);
                journal.append(new Execution(key, recorded));
                return null;
            });
            return outcome;
        }
    }

    private StepOutcome run(StepRequest request) {
        Path script = scriptDir.resolve(request.step().name());
        if (!Files.isRegularFile(script)) {
            return new StepOutcome.Failed("no script for " + request.step() + ": " + script + " does not exist", false);
        }
        if (!Files.isExecutable(script)) {
            return new StepOutcome.Failed("the script " + script + " is not executable (chmod +x it)", false);
        }
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(script.toString()).directory(scriptDir.toFile());
            builder.environment().putAll(environment(request));
            process = builder.start();
        } catch (IOException e) {
            return new StepOutcome.Failed("cannot start " + script + ": " + e.getMessage(), false);
        }
        closeQuietly(process); // no input: a script reading standard input sees its end
        // a thread of its own per stream: a pool's blocked readers would stall other scripts' output
        CompletableFuture<byte[]> stdout = read(process.getInputStream(), request.executionKey() + "-stdout");
        CompletableFuture<byte[]> stderr = read(process.getErrorStream(), request.executionKey() + "-stderr");
        boolean finished;
        try {
            finished = process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            return new StepOutcome.Failed("interrupted while " + script + " ran", true);
        }
        if (!finished) {
            killTree(process);
            return new StepOutcome.Failed(request.step() + " script ran past its timeout of "
                    + request.timeout().toSeconds() + " s; its process tree was killed" + stderrOf(stderr), false);
        }
        int exit = process.exitValue();
        String errors = stderrOf(stderr);
        if (exit == 0) {
            Map<String, Object> facts = new LinkedHashMap<>(facts(text(stdout)));
            if (!errors.isEmpty()) {
                facts.put("stderr", errors.substring(2));
            }
            return new StepOutcome.Succeeded(facts);
        }
        if (exit == TRANSIENT_FAILURE) {
            return new StepOutcome.Failed(request.step() + " script exited 75 (EX_TEMPFAIL)" + errors, true);
        }
        return new StepOutcome.Failed(request.step() + " script exited " + exit + errors, false);
    }

    private Map<String, String> environment(StepRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REHEARSAL_TEST_ID", request.testId().value());
        env.put("REHEARSAL_STEP", request.step().name());
        env.put("REHEARSAL_ATTEMPT", Integer.toString(request.attempt()));
        env.put("REHEARSAL_EXECUTION_KEY", request.executionKey());
        env.put("REHEARSAL_ENVIRONMENT_ID", request.environmentId().value());
        env.put("REHEARSAL_SOURCE_REGION", request.sourceRegion());
        env.put("REHEARSAL_DR_REGION", request.drRegion());
        env.put("REHEARSAL_BACKUP_ID", request.backup().backupId());
        env.put("REHEARSAL_BACKUP_TAKEN_AT", request.backup().takenAt().toString());
        env.put("REHEARSAL_TIMEOUT_SECONDS", Long.toString(request.timeout().toSeconds()));
        try {
            env.put("REHEARSAL_SOURCE_CONFIGURATION", json.writeValueAsString(request.sourceConfiguration()));
            env.put("REHEARSAL_EARLIER_FACTS", json.writeValueAsString(request.earlierFacts()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    /** The last line of standard output, if it is a JSON object; otherwise no facts. */
    private Map<String, Object> facts(String stdout) {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        if (!last.startsWith("{")) {
            return Map.of();
        }
        try {
            Map<String, Object> facts = new LinkedHashMap<>(json.readValue(last, new TypeReference<Map<String, Object>>() {
            }));
            facts.values().removeIf(java.util.Objects::isNull); // a fact without a value is no fact
            return facts;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Map.of("factsError", "the last line of standard output is not a JSON object: "
                    + e.getOriginalMessage());
        }
    }

    private CompletableFuture<byte[]> read(InputStream stream, String name) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> result.complete(tail(stream)), "script-output-" + name);
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    /** Reads a stream to its end, keeping only its last {@code outputLimit} bytes. */
    private byte[] tail(InputStream stream) {
        try (stream) {
            byte[] buffer = new byte[8192];
            byte[] kept;
            ByteArrayOutputStream window = new ByteArrayOutputStream();
            boolean truncated = false;
            for (int n; (n = stream.read(buffer)) != -1; ) {
                window.write(buffer, 0, n);
                if (window.size() > 2 * outputLimit) {
                    byte[] all = window.toByteArray();
                    window.reset();
                    window.write(all, all.length - outputLimit, outputLimit);
                    truncated = true;
                }
            }
            kept = window.toByteArray();
            if (kept.length > outputLimit) {
                byte[] last = new byte[outputLimit];
                System.arraycopy(kept, kept.length - outputLimit, last, 0, outputLimit);
                kept = last;
                truncated = true;
            }
            if (truncated) {
                byte[] marker = "[earlier output cut]\n".getBytes(StandardCharsets.UTF_8);
                byte[] marked = new byte[marker.length + kept.length];
                System.arraycopy(marker, 0, marked, 0, marker.length);
                System.arraycopy(kept, 0, marked, marker.length, kept.length);
                return marked;
            }
            return kept;
        } catch (IOException e) {
            return new byte[0]; // the process was killed: what it wrote until then is gone with it
        }
    }

    private String stderrOf(CompletableFuture<byte[]> stderr) {
        String text = text(stderr).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private static String text(CompletableFuture<byte[]> output) {
        try {
            return new String(output.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "";
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing to close
        }
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
