package io.rehearsal.command.infrastructure.simulated;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.ExternalConnection;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.command.drtest.Cidr;
import io.rehearsal.command.infrastructure.InfrastructureProvider;
import io.rehearsal.command.infrastructure.JsonLinesJournal;
import io.rehearsal.command.infrastructure.RecordedOutcome;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Infrastructure of its own: regions, networks, databases, front-ends and DNS, kept in a journal in the data
 * directory because real infrastructure outlives the application. Each executed action is one journal line,
 * forced to disk before its outcome is returned, so an action either happened and is remembered, or did not
 * happen; asked again for a remembered (test, step, attempt), the simulator answers from the journal.
 */
public class SimulatedInfrastructure implements InfrastructureProvider, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedInfrastructure.class);

    /** Step durations at speed 1: about a minute for a whole failover. */
    private static final Map<FailoverStep, Duration> PACE = new EnumMap<>(Map.of(
            FailoverStep.LOCK_SOURCE, Duration.ofSeconds(2),
            FailoverStep.PROVISION_NETWORK, Duration.ofSeconds(8),
            FailoverStep.RESTORE_DATABASE, Duration.ofSeconds(20),
            FailoverStep.PROVISION_FRONT_ENDS, Duration.ofSeconds(12),
            FailoverStep.CREATE_DNS, Duration.ofSeconds(4),
            FailoverStep.INSTALL_DEFAULT_CERTIFICATE, Duration.ofSeconds(3),
            FailoverStep.APPLY_KEPT_CONFIGURATION, Duration.ofSeconds(5),
            FailoverStep.VERIFY, Duration.ofSeconds(4),
            FailoverStep.ACTIVATE, Duration.ofSeconds(2)));

    /** This process, as the journal names who executed an action: what shared journals tell apart. */
    private static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final double speed;
    private final JsonLinesJournal<JournalEntry> journal;
    private final SimulatorFaults faults;

    private final Map<String, SimulatedDeployment> deployments = new LinkedHashMap<>();
    /*
     * Deployment ids by test, by environment and by region, in the order first seen (a deployment's test, environment
     * and region never change; its status does): every step looks up its test's deployment, and a regional outage
     * puts thousands in one region, where a scan of all per step, under the journal's lock, held up every step.
     */
    private final Map<String, List<String>> idsByTest = new HashMap<>();
    private final Map<String, List<String>> idsByEnvironment = new HashMap<>();
    private final Map<String, List<String>> idsByRegion = new HashMap<>();
    /** Blocks as parsed, by their text: a network's block is read at every search for a free one in its region. */
    private final Map<String, Cidr> parsedCidrs = new HashMap<>();
    private final Map<String, RecordedOutcome> outcomes = new HashMap<>();
    private final Map<String, Integer> timesExecuted = new HashMap<>();
    private final Map<String, List<String>> executors = new LinkedHashMap<>();
    private final Map<FailoverStep, Long> actionCounts = new EnumMap<>(FailoverStep.class);
    private long nextId = 1;

    public SimulatedInfrastructure(Path directory, double speed) {
        this(directory, speed, SimulatorFaults.none());
    }

    public SimulatedInfrastructure(Path directory, double speed, SimulatorFaults faults) {
        this.faults = faults;
        if (!(speed > 0)) {
            throw new IllegalArgumentException("rehearsal.simulator.speed must be above 0, was " + speed);
        }
        this.speed = speed;
        this.journal = new JsonLinesJournal<>(directory.resolve("journal.jsonl"), JournalEntry.class, json, this::apply);
        log.info("Simulator: {} actions remembered from {}", outcomes.size(), directory);
    }

    @Override
    public StepOutcome execute(StepRequest request) {
        String key = request.executionKey();
        StepOutcome remembered = journal.exclusively(() -> remembered(key));
        if (remembered != null) {
            log.info("Simulator: {} was already executed; answering from the journal", key);
            return remembered;
        }
        StepOutcome injected = injectFault(request);
        if (injected == null) {
            pause(request.step());
        }
        // act and remember in one go, unless another instance sharing the journal has done so meanwhile
        return journal.exclusively(() -> {
            StepOutcome known = remembered(key);
            if (known != null) {
                return known;
            }
            List<SimulatedDeployment> touched = new ArrayList<>();
            StepOutcome outcome = injected;
            if (outcome == null) {
                try {
                    outcome = new StepOutcome.Succeeded(act(request, touched));
                } catch (SimulatedFailure failure) {
                    outcome = new StepOutcome.Failed(failure.getMessage(), false);
                    touched.clear();
                }
            }
            record(new JournalEntry(key, request.testId().value(), request.step(), RecordedOutcome.of(outcome),
                    touched, nextId, PROCESS));
            return outcome;
        });
    }

    private StepOutcome remembered(String key) {
        RecordedOutcome known = outcomes.get(key);
        return known == null ? null : known.toStepOutcome();
    }

    /** The configured fault of this step, if it applies to this attempt: its outcome, else null. */
    private StepOutcome injectFault(StepRequest request) {
        SimulatorFaults.Fault fault = faults.of(request.step()).orElse(null);
        if (fault == null) {
            return null;
        }
        return switch (fault.kind()) {
            case FAIL -> request.attempt() <= fault.times()
                    ? new StepOutcome.Failed("simulated fault " + fault + ": attempt " + request.attempt()
                    + " fails", true)
                    : null;
            case FAIL_ALWAYS -> new StepOutcome.Failed("simulated fault fail-always: attempt " + request.attempt()
                    + " fails", true);
            case HANG -> {
                // no answer until the test has stopped waiting for this attempt
                Duration hang = request.timeout().plusSeconds(1);
                try {
                    Thread.sleep(hang.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield new StepOutcome.Failed("simulated fault hang: no answer for " + hang.toSeconds() + " s", true);
            }
            case HOLD -> {
                log.info("Simulator: holding {} of test {} until its fault is cleared", request.step(),
                        request.testId());
                long deadline = System.nanoTime() + request.timeout().toNanos();
                try {
                    if (faults.awaitCleared(request.step(), SimulatorFaults.Kind.HOLD, deadline)) {
                        yield null; // released: the step runs as usual
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield new StepOutcome.Failed("simulated fault hold: not released within " + request.timeout().toSeconds()
                        + " s", true);
            }
            case DRIFT -> null; // the step works, on another configuration (see act)
        };
    }

    /** How many times the action of this test's step was executed, across all attempts and restarts. */
    public int timesExecuted(DrTestId testId, FailoverStep step) {
        String prefix = testId + "/" + step + "/";
        return journal.exclusively(() -> timesExecuted.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(Map.Entry::getValue).sum());
    }

    /** The processes that executed this test's step, one per execution, in order ({@code pid@host}). */
    public List<String> executedBy(DrTestId testId, FailoverStep step) {
        String prefix = testId + "/" + step + "/";
        return journal.exclusively(() -> List.copyOf(executors.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix)).flatMap(e -> e.getValue().stream()).toList()));
    }

    /** How many actions of each step were executed in total. */
    public Map<FailoverStep, Long> actionCounts() {
        return journal.exclusively(() -> new EnumMap<>(actionCounts));
    }

    /** The region an environment currently runs in, as the infrastructure sees it. */
    public String activeRegion(String environmentId) {
        return journal.exclusively(() -> current(environmentId).map(d -> d.region).orElse(null));
    }

    private java.util.Optional<SimulatedDeployment> current(String environmentId) {
        return deploymentsBy(idsByEnvironment, environmentId)
                .filter(d -> d.status == SimulatedDeployment.Status.ACTIVE || d.status == SimulatedDeployment.Status.LOCKED)
                .reduce((first, second) -> second);
    }

    private Map<String, Object> act(StepRequest request, List<SimulatedDeployment> touched) {
        String env = request.environmentId().value();
        EnvironmentConfiguration source = request.sourceConfiguration();
        return switch (request.step()) {
            case LOCK_SOURCE -> {
                SimulatedDeployment deployment = current(env).orElseGet(() -> adopt(request));
                deployment.status = SimulatedDeployment.Status.LOCKED;
                touched.add(deployment);
                yield Map.of("sourceDeploymentId", deployment.id, "region", deployment.region);
            }
            case PROVISION_NETWORK -> {
                SimulatedDeployment target = new SimulatedDeployment();
                target.id = newId("dep");
                target.environmentId = env;
                target.testId = request.testId().value();
                target.region = request.drRegion();
                target.status = SimulatedDeployment.Status.BUILDING;
                target.vpcId = newId("vpc");
                target.cidr = freeCidr(request.drRegion(), Cidr.parse(source.network().vpcCidr())).toString();
                put(target);
                touched.add(target);
                yield Map.of("vpcId", target.vpcId, "cidr", target.cidr, "region", target.region);
            }
            case RESTORE_DATABASE -> {
                SimulatedDeployment target = building(request);
                target.databaseId = newId("db");
                target.database = drifts(request) ? drifted(source.database()) : source.database();
                target.restoredFromBackup = request.backup().backupId();
                touched.add(target);
                yield Map.of("databaseId", target.databaseId, "restoredFromBackup", target.restoredFromBackup,
                        "engine", target.database.engine(), "engineVersion", target.database.engineVersion(),
                        "instanceClass", target.database.instanceClass(), "storageGb", target.database.storageGb());
            }
            case PROVISION_FRONT_ENDS -> {
                SimulatedDeployment target = building(request);
                target.frontEnds = drifts(request) ? drifted(source.frontEnds()) : source.frontEnds();
                target.frontEndIds = new ArrayList<>();
                for (int i = 0; i < target.frontEnds.count(); i++) {
                    target.frontEndIds.add(newId("fe"));
                }
                touched.add(target);
                yield Map.of("frontEndIds", List.copyOf(target.frontEndIds), "instanceType",
                        target.frontEnds.instanceType(), "storageGb", target.frontEnds.storageGb());
            }
            case CREATE_DNS -> {
                SimulatedDeployment target = building(request);
                target.dnsId = newId("dns");
                touched.add(target);
                yield Map.of("dnsId", target.dnsId, "vpcId", target.vpcId);
            }
            case INSTALL_DEFAULT_CERTIFICATE -> {
                SimulatedDeployment target = building(request);
                target.certificate = "default";
                touched.add(target);
                yield Map.of("certificate", target.certificate);
            }
            case APPLY_KEPT_CONFIGURATION -> {
                SimulatedDeployment target = building(request);
                target.kept = drifts(request) ? drifted(source.kept()) : source.kept();
                touched.add(target);
                yield Map.of("errorMonitoring", target.kept.errorMonitoring(), "hipaaMode", target.kept.hipaaMode(),
                        "logSeparation", target.kept.logSeparation(), "wafIpRules", target.kept.wafIpRules(),
                        "externalConnections", target.kept.externalConnections().stream()
                                .map(ExternalConnection::name).toList());
            }
            case VERIFY -> verify(building(request), request);
            case ACTIVATE -> {
                SimulatedDeployment target = building(request);
                current(env).ifPresent(old -> {
                    old.status = SimulatedDeployment.Status.RETIRED;
                    touched.add(old);
                });
                target.status = SimulatedDeployment.Status.ACTIVE;
                touched.add(target);
                yield Map.of("deploymentId", target.id, "activeRegion", target.region);
            }
        };
    }

    /**
     * Health of the new deployment. Its parity with the source is not the provider's to claim: Rehearsal computes it
     * from what the steps reported.
     */
    private Map<String, Object> verify(SimulatedDeployment target, StepRequest request) {
        if (target.databaseId == null || target.frontEndIds.isEmpty() || target.dnsId == null) {
            throw new SimulatedFailure("The new deployment in " + target.region + " is incomplete: database "
                    + (target.databaseId != null) + ", front-ends " + target.frontEndIds.size() + ", DNS "
                    + (target.dnsId != null));
        }
        EnvironmentConfiguration source = request.sourceConfiguration();
        boolean overlap = Cidr.parse(source.network().vpcCidr()).overlaps(Cidr.parse(target.cidr));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("healthy", true);
        facts.put("frontEndsHealthy", target.frontEndIds.size());
        facts.put("databaseHealthy", true);
        facts.put("cidrOverlapsSource", overlap);
        return facts;
    }

    /** Whether a drift fault makes this step build something other than the source had. */
    private boolean drifts(StepRequest request) {
        return faults.of(request.step()).map(f -> f.kind() == SimulatorFaults.Kind.DRIFT).orElse(false);
    }

    private static DatabaseConfiguration drifted(DatabaseConfiguration db) {
        return new DatabaseConfiguration(db.engine(), db.engineVersion(),
                db.instanceClass().equals("db.t3.micro") ? "db.t3.small" : "db.t3.micro", db.storageGb());
    }

    private static FrontEndConfiguration drifted(FrontEndConfiguration fe) {
        return new FrontEndConfiguration(fe.count(), fe.instanceType().equals("t3.micro") ? "t3.small" : "t3.micro",
                fe.storageGb());
    }

    private static KeptConfiguration drifted(KeptConfiguration kept) {
        return new KeptConfiguration(kept.errorMonitoring(), !kept.hipaaMode(), kept.logSeparation(), kept.wafIpRules(),
                kept.externalConnections());
    }

    /** An environment the simulator has not seen yet: take it as the test recorded its source. */
    private SimulatedDeployment adopt(StepRequest request) {
        EnvironmentConfiguration source = request.sourceConfiguration();
        SimulatedDeployment deployment = new SimulatedDeployment();
        deployment.id = newId("dep");
        deployment.environmentId = request.environmentId().value();
        deployment.region = request.sourceRegion();
        deployment.status = SimulatedDeployment.Status.ACTIVE;
        deployment.vpcId = newId("vpc");
        deployment.cidr = source.network().vpcCidr();
        deployment.databaseId = newId("db");
        deployment.database = source.database();
        deployment.frontEnds = source.frontEnds();
        for (int i = 0; i < source.frontEnds().count(); i++) {
            deployment.frontEndIds.add(newId("fe"));
        }
        deployment.dnsId = newId("dns");
        deployment.certificate = "default";
        deployment.kept = source.kept();
        put(deployment);
        return deployment;
    }

    private SimulatedDeployment building(StepRequest request) {
        String testId = request.testId().value();
        return deploymentsBy(idsByTest, testId)
                .filter(d -> d.status == SimulatedDeployment.Status.BUILDING)
                .findFirst()
                .orElseThrow(() -> new SimulatedFailure("No network was provisioned for test " + testId + " in "
                        + request.drRegion() + "; " + request.step() + " has nothing to build on"));
    }

    /** A block in the DR region that overlaps neither the source's nor any network living there. */
    private Cidr freeCidr(String region, Cidr source) {
        int prefix = Math.max(16, Math.min(24, source.prefix()));
        TakenBlocks taken = new TakenBlocks();
        taken.add(source);
        deploymentsBy(idsByRegion, region)
                .filter(d -> d.status != SimulatedDeployment.Status.RETIRED && d.cidr != null)
                .forEach(d -> taken.add(parsedCidrs.computeIfAbsent(d.cidr, Cidr::parse)));
        int offset = (int) ((source.network() >> 16) & 255) + 100;
        for (PrivateRange range : PrivateRange.WIDEST_FIRST) {
            for (int i = 0; i < range.blocks() * (prefix == 16 ? 1 : 256); i++) {
                Cidr candidate = range.candidate(prefix, offset + i);
                if (!taken.overlaps(candidate)) {
                    return candidate;
                }
            }
        }
        throw new SimulatedFailure("No free /" + prefix + " block left in the private ranges of region " + region);
    }

    /**
     * The blocks in use in a region, asked whether a candidate overlaps one of them without comparing it with each:
     * two blocks overlap when one starts inside the other, so either a block in use starts within the candidate, or
     * the candidate's first address lies in a block in use, which is that address under one of 33 prefixes.
     */
    private static final class TakenBlocks {
        private final NavigableSet<Long> starts = new TreeSet<>();
        private final Set<Cidr> blocks = new HashSet<>();

        void add(Cidr block) {
            Cidr normalised = block.normalised();
            starts.add(normalised.network());
            blocks.add(normalised);
        }

        boolean overlaps(Cidr candidate) {
            Cidr block = candidate.normalised();
            long first = block.network();
            long last = first + (1L << (32 - block.prefix())) - 1;
            if (!starts.subSet(first, true, last, true).isEmpty()) {
                return true;
            }
            for (int prefix = 0; prefix <= 32; prefix++) {
                if (blocks.contains(new Cidr(first, prefix).normalised())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A private range of RFC 1918 as the /16 blocks it holds, from {@code first}: 10/8 holds 256, 172.16/12 holds
     * 16, 192.168/16 one. The candidate at an index is a block of the given prefix in one of them, the /16s taken
     * in turn and then, for narrower prefixes, the third octet.
     */
    private record PrivateRange(long first, int blocks) {
        static final List<PrivateRange> WIDEST_FIRST = List.of(new PrivateRange(0x0A000000L, 256),
                new PrivateRange(0xAC100000L, 16), new PrivateRange(0xC0A80000L, 1));

        Cidr candidate(int prefix, int index) {
            long third = prefix == 16 ? 0 : (index / blocks) % 256;
            return new Cidr(first + ((long) (index % blocks) << 16) + (third << 8), prefix).normalised();
        }
    }

    private void put(SimulatedDeployment deployment) {
        if (deployments.put(deployment.id, deployment) == null) {
            if (deployment.testId != null) {
                idsByTest.computeIfAbsent(deployment.testId, k -> new ArrayList<>()).add(deployment.id);
            }
            idsByEnvironment.computeIfAbsent(deployment.environmentId, k -> new ArrayList<>()).add(deployment.id);
            idsByRegion.computeIfAbsent(deployment.region, k -> new ArrayList<>()).add(deployment.id);
        }
    }

    /** The deployments of one test, environment or region, in the order first seen, as they are now. */
    private Stream<SimulatedDeployment> deploymentsBy(Map<String, List<String>> index, String key) {
        return index.getOrDefault(key, List.of()).stream().map(deployments::get);
    }

    private String newId(String kind) {
        return kind + "-" + Long.toHexString(0x10000 + nextId++);
    }

    private void pause(FailoverStep step) {
        long nanos = (long) (PACE.get(step).toNanos() / speed);
        if (nanos < 1_000) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating " + step, e);
        }
    }

    private void record(JournalEntry entry) {
        journal.append(entry);
        apply(entry);
    }

    private void apply(JournalEntry entry) {
        entry.deployments().forEach(this::put);
        outcomes.put(entry.key(), entry.outcome());
        timesExecuted.merge(entry.key(), 1, Integer::sum);
        executors.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(String.valueOf(entry.executedBy()));
        if (entry.outcome().succeeded()) {
            actionCounts.merge(entry.step(), 1L, Long::sum);
        }
        nextId = Math.max(nextId, entry.nextId());
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private static final class SimulatedFailure extends RuntimeException {
        SimulatedFailure(String message) {
            super(message);
        }
    }
}
