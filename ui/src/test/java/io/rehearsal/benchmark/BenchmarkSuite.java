package io.rehearsal.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The benchmark suite of issue 5: the real application in this JVM on embedded defaults, the simulator adding
 * no latency, six scenarios. Every figure is the median of several runs after a warm-up, with min and max;
 * every comparison a ratio measured in the same run. Prints the figures and writes them, as a Markdown section,
 * into the file given with {@code --write}.
 *
 * <p>{@code --smoke} runs every scenario once at a tiny size: it proves the suite still works (CI runs it as a
 * test), its figures mean nothing.
 */
public final class BenchmarkSuite {

    static final String BEGIN = "<!-- benchmark suite: begin (generated, do not edit) -->";
    static final String END = "<!-- benchmark suite: end -->";
    static final String COMMAND = "./mvnw -Pbench verify";
    private static final double INSTANT = Double.POSITIVE_INFINITY;

    /** Sizes and repetitions of a suite run. */
    record Settings(String name, Path workDir, Path jar, int footprintRuns, Duration settle, Duration idle,
                    int failoverWarmUp,
                    int failovers, int outageWarmUp, List<Integer> outageSizes, int outageRuns, int rebuildRuns,
                    int liveTests, int clientsPerTest, int liveRuns, double liveSpeed, int queryTests, int reads,
                    int readRuns, int backups, int backupSamples) {

        static Settings full(Path workDir, Path jar) {
            // 200 reads a run, so that a p99 is not merely the slowest of a few
            return new Settings("full", workDir, jar, 3, Duration.ofSeconds(30), Duration.ofSeconds(30), 1000, 30, 200,
                    List.of(3000, 1000), 3, 3, 50, 4, 3, 30, 100_000, 200, 3, 100_000, 300);
        }

        /**
         * Outages of 3,000 run once: they are there to hold the rate against the 1,000's and to show the heap flat,
         * and three of them would take half the suite's time (which is to stay under 20 minutes).
         */
        int outageRuns(int size) {
            return size >= 3000 ? 1 : outageRuns;
        }

        Settings withReads(int count) {
            return new Settings(name, workDir, jar, footprintRuns, settle, idle, failoverWarmUp, failovers,
                    outageWarmUp, outageSizes, outageRuns, rebuildRuns, liveTests, clientsPerTest, liveRuns, liveSpeed,
                    queryTests, count, readRuns, backups, backupSamples);
        }

        /** How many single failovers warm the JVM before the measured ones (see singleFailover). */
        Settings withFailoverWarmUp(int warmUp) {
            return new Settings(name, workDir, jar, footprintRuns, settle, idle, warmUp, failovers, outageWarmUp,
                    outageSizes, outageRuns, rebuildRuns, liveTests, clientsPerTest, liveRuns, liveSpeed, queryTests,
                    reads, readRuns, backups, backupSamples);
        }

        /** Fewer outages before the queries, for a run of the queries alone on a busy machine. */
        Settings withOutageRuns(int warmUp, int runs) {
            return new Settings(name, workDir, jar, footprintRuns, settle, idle, failoverWarmUp, failovers, warmUp,
                    outageSizes, runs, rebuildRuns, liveTests, clientsPerTest, liveRuns, liveSpeed, queryTests,
                    reads, readRuns, backups, backupSamples);
        }

        Settings withOutageSizes(List<Integer> sizes) {
            return new Settings(name, workDir, jar, footprintRuns, settle, idle, failoverWarmUp, failovers, outageWarmUp, sizes,
                    outageRuns, rebuildRuns, liveTests, clientsPerTest, liveRuns, liveSpeed, queryTests, reads, readRuns,
                    backups, backupSamples);
        }

        static Settings smoke(Path workDir) {
            return new Settings("smoke", workDir, null, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 3, 0,
                    List.of(5), 1, 1, 2, 2, 1, 200, 300, 5, 1, 300, 5);
        }
    }

    /** One figure: what, the values of its runs, the unit, and the goal it is held to (null: none). */
    record Figure(String scenario, String what, Stats stats, String unit, Goal goal) {
    }

    /** A goal: met when the median is below (or at most, or for rates at least) the bound. */
    record Goal(String text, Function<Double, Boolean> met) {
        static Goal below(double bound, String text) {
            return new Goal(text, median -> median < bound);
        }

        static Goal atMost(double bound, String text) {
            return new Goal(text, median -> median <= bound);
        }

        static Goal atLeast(double bound, String text) {
            return new Goal(text, median -> median >= bound);
        }
    }

    private final Settings settings;
    private final List<Figure> figures = new ArrayList<>();

    private final List<String> only;
    /** The arguments that chose what ran, for the record in the generated section. */
    private String chosen = "";

    BenchmarkSuite(Settings settings) {
        this(settings, List.of());
    }

    /**
     * @param only the scenarios to run: footprint, single, outage, rebuild, queries, live (the last two work on the
     *             store an outage leaves, so they run one first); empty: all
     */
    BenchmarkSuite(Settings settings, List<String> only) {
        this.settings = settings;
        this.only = only;
    }

    private boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    public static void main(String[] args) throws Exception {
        Path write = null;
        Path jar = null;
        boolean smoke = false;
        List<String> only = List.of();
        List<Integer> outageSizes = null;
        Integer reads = null;
        Integer outageRuns = null;
        int outageWarmUp = -1;
        int failoverWarmUp = -1;
        List<String> chosen = new ArrayList<>(); // what ran, for the record
        args = Stream.of(args).flatMap(arg -> Stream.of(arg.trim().split("\\s+"))).filter(a -> !a.isEmpty())
                .toArray(String[]::new); // Maven passes its bench.args as one argument, empty by default
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> {
                    smoke = true;
                    chosen.add(args[i]);
                }
                case "--write" -> write = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--only" -> {
                    only = List.of(args[++i].split(","));
                    chosen.addAll(List.of(args[i - 1], args[i]));
                }
                case "--outage-sizes" -> {
                    outageSizes = Stream.of(args[++i].split(",")).map(Integer::valueOf).toList();
                    chosen.addAll(List.of(args[i - 1], args[i]));
                }
                case "--outage-runs" -> {
                    outageRuns = Integer.valueOf(args[++i]);
                    chosen.addAll(List.of(args[i - 1], args[i]));
                }
                case "--outage-warm-up" -> {
                    outageWarmUp = Integer.parseInt(args[++i]);
                    chosen.addAll(List.of(args[i - 1], args[i]));
                }
                case "--failover-warm-up" -> {
                    failoverWarmUp = Integer.parseInt(args[++i]);
                    chosen.addAll(List.of(args[i - 1], args[i]));
                }
                case "--reads" -> {
                    reads = Integer.valueOf(args[++i]);
                    chosen.addAll(List.of(args[i - 1], args[i]));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --smoke, "
                        + "--write FILE, --jar FILE, --only footprint,single,outage,rebuild,queries,live,backups, --outage-sizes 100,1000, --outage-runs 3, --outage-warm-up 300, --failover-warm-up 1000, --reads 200)");
            }
        }
        Path workDir = Files.createTempDirectory("rehearsal-bench-");
        Settings settings = smoke ? Settings.smoke(workDir) : Settings.full(workDir, jar);
        if (outageSizes != null) {
            settings = settings.withOutageSizes(outageSizes);
        }
        if (reads != null) {
            settings = settings.withReads(reads);
        }
        if (outageRuns != null || outageWarmUp >= 0) {
            settings = settings.withOutageRuns(outageWarmUp >= 0 ? outageWarmUp : settings.outageWarmUp(),
                    outageRuns != null ? outageRuns : settings.outageRuns());
        }
        if (failoverWarmUp >= 0) {
            settings = settings.withFailoverWarmUp(failoverWarmUp);
        }
        BenchmarkSuite suite = new BenchmarkSuite(settings, only);
        suite.chosen = String.join(" ", chosen);
        suite.run();
        String section = suite.markdown();
        System.out.println(section);
        if (write != null) {
            writeSection(write, section);
            System.out.println("written to " + write.toAbsolutePath());
        }
        System.exit(0); // the applications' non-daemon threads are closed; nothing else should keep the JVM
    }

    /** How long {@link #run} took, and the machine's load when it began: the machines are shared. */
    private double runSeconds;
    private String loadAtStart = "unknown";

    List<Figure> run() throws Exception {
        long started = System.nanoTime();
        try {
            loadAtStart = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            // not Linux: the load is unknown
        }
        try {
            return runScenarios();
        } finally {
            runSeconds = (System.nanoTime() - started) / 1e9;
        }
    }

    private List<Figure> runScenarios() throws Exception {
        if (runs("footprint")) {
            timed("footprint", this::footprint);
        }
        if (runs("single")) {
            timed("one failover", this::singleFailover);
        }
        if (runs("outage") || runs("rebuild") || runs("queries")) {
            BenchApp[] last = new BenchApp[1];
            timed("outages", () -> last[0] = regionalOutage());
            try {
                if (runs("rebuild")) {
                    timed("rebuild", () -> rebuild(last[0]));
                }
                if (runs("queries")) {
                    timed("queries (with seeding the views)", () -> queries(last[0]));
                }
            } finally {
                last[0].close();
            }
        }
        if (runs("live")) {
            timed("live progress", this::liveProgress);
        }
        if (runs("backups")) {
            timed("an environment's stream", this::environmentStream);
        }
        return figures;
    }

    /** Minutes each scenario took, in the order run: where the suite's duration goes. */
    private final Map<String, Double> minutes = new LinkedHashMap<>();

    private interface Scenario {
        void run() throws Exception;
    }

    private void timed(String scenario, Scenario body) throws Exception {
        long started = System.nanoTime();
        try {
            body.run();
        } finally {
            double took = (System.nanoTime() - started) / 60e9;
            minutes.put(scenario, took);
            System.out.printf("scenario %s took %.1f minutes%n", scenario, took);
        }
    }

    private void footprint() throws Exception {
        List<Double> ready = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int run = 0; run < settings.footprintRuns(); run++) {
            Footprint.Result result = Footprint.run(settings.jar(), dir("footprint"), settings.settle(), settings.idle());
            ready.add(result.readySeconds());
            cpu.add(result.idleCpuMillisPerSecond());
            rss.add(result.idleRssBytes() / 1e6);
        }
        long settled = settings.settle().toSeconds();
        add("6 footprint", "start to ready (demo loaded, port file written)", ready, "s", Goal.below(10, "under 10 s"));
        add("6 footprint", "CPU of the idle process (all threads), from " + settled + " to "
                + (settled + settings.idle().toSeconds()) + " s after ready", cpu, "ms/s",
                Goal.atMost(10, "at most 10 ms/s"));
        add("6 footprint", "RSS after " + (settled + settings.idle().toSeconds()) + " s idle", rss, "MB",
                Goal.below(400, "under 400 MB"));
    }

    /**
     * The failovers measured while the JIT still compiles their code: after this many, the figures of the suite's
     * runs before 2026-12-03, kept beside the warmed ones.
     */
    private static final int EARLY_WARM_UP = 10;

    /**
     * One failover at a time on a JVM warmed by {@code failoverWarmUp} of them (the goals' figures: CPU per
     * failover and time to COMPLETED stop falling at about 1,000, 110 ms and 50 ms on this machine, where after 10
     * they were 330 and 139), and the same after only {@value #EARLY_WARM_UP}, for the cost of a young JVM.
     */
    private void singleFailover() throws Exception {
        try (BenchApp app = BenchApp.start(dir("single"), INSTANT)) {
            int warmed = 0;
            if (settings.failoverWarmUp() > EARLY_WARM_UP + settings.failovers()) {
                SingleFailover.run(app, EARLY_WARM_UP);
                List<SingleFailover.Sample> early = SingleFailover.run(app, settings.failovers());
                warmed = EARLY_WARM_UP + settings.failovers();
                add("1 one failover", "202 to COMPLETED, after only " + EARLY_WARM_UP + " failovers (JIT warming)",
                        early.stream().map(SingleFailover.Sample::millisToCompleted).toList(), "ms", null);
                add("1 one failover", "CPU time per failover, after only " + EARLY_WARM_UP + " failovers (JIT warming)",
                        early.stream().map(SingleFailover.Sample::cpuMillis).toList(), "ms", null);
            }
            SingleFailover.run(app, settings.failoverWarmUp() - warmed);
            List<SingleFailover.Sample> samples = SingleFailover.run(app, settings.failovers());
            add("1 one failover", "202 to COMPLETED in the progress view",
                    samples.stream().map(SingleFailover.Sample::millisToCompleted).toList(), "ms",
                    Goal.below(50, "under 50 ms"));
            add("1 one failover", "start to end as its events record it",
                    samples.stream().map(SingleFailover.Sample::recordedMillis).toList(), "ms", null);
            add("1 one failover", "CPU time of the process per failover (start to idle, all threads)",
                    samples.stream().map(SingleFailover.Sample::cpuMillis).toList(), "ms",
                    Goal.atMost(60, "at most 60 ms"));
            printCpuByThread(samples);
        }
    }

    /** Where one failover's CPU went: each kind of thread's median, and what no live Java thread accounts for. */
    private static void printCpuByThread(List<SingleFailover.Sample> samples) {
        double process = Stats.of(samples.stream().map(SingleFailover.Sample::cpuMillis).toList()).median();
        double attributed = Stats.of(samples.stream()
                .map(s -> s.cpuByThread().values().stream().mapToDouble(Double::doubleValue).sum()).toList()).median();
        System.out.printf("one failover's CPU by thread (median of %d; process %.1f ms, live Java threads %.1f ms,"
                + " the rest JIT, GC and threads that ended):%n", samples.size(), process, attributed);
        ThreadCpu.medians(samples.stream().map(SingleFailover.Sample::cpuByThread).toList()).stream()
                .filter(kind -> kind.getValue() >= 0.5)
                .forEach(kind -> System.out.printf("  %7.1f ms  %s%n", kind.getValue(), kind.getKey()));
    }

    /** Runs every size; returns the application of the last run, left open for the rebuild and the queries. */
    private BenchApp regionalOutage() throws Exception {
        if (settings.outageWarmUp() > 0) {
            try (BenchApp app = BenchApp.start(dir("outage-warm-up"), INSTANT)) {
                RegionalOutage.run(app, settings.outageWarmUp());
            }
        }
        BenchApp kept = null;
        List<Integer> sizes = settings.outageSizes();
        for (int s = 0; s < sizes.size(); s++) {
            int size = sizes.get(s);
            List<RegionalOutage.Result> results = new ArrayList<>();
            for (int run = 0; run < settings.outageRuns(size); run++) {
                BenchApp app = BenchApp.start(dir("outage-" + size), INSTANT);
                boolean keep = s == sizes.size() - 1 && run == settings.outageRuns(size) - 1;
                try {
                    RegionalOutage.Result result = RegionalOutage.run(app, size);
                    results.add(result);
                    System.out.printf("outage of %d: %.2f s, %.1f failovers/s, %.0f events/s, raw %.0f events/s%n",
                            size, result.rates().seconds(), result.failoversPerSecond(), result.rates().eventsPerSecond(),
                            result.rates().baselineEventsPerSecond());
                } finally {
                    if (keep) {
                        kept = app;
                    } else {
                        app.close();
                    }
                }
            }
            String scenario = "2 regional outage, " + size + " environments";
            boolean headline = size == 1000 || sizes.size() == 1;
            add(scenario, "time until all COMPLETED in the views", map(results, r -> r.rates().seconds()), "s", null);
            add(scenario, "failovers per second", map(results, RegionalOutage.Result::failoversPerSecond), "/s",
                    headline ? Goal.atLeast(50, "at least 50/s") : null);
            add(scenario, "events per second (" + results.get(0).rates().events() + " events)",
                    map(results, r -> r.rates().eventsPerSecond()), "/s", null);
            add(scenario, "baseline: the same events appended by a plain loop",
                    map(results, r -> r.rates().baselineEventsPerSecond()), "/s", null);
            add(scenario, "ratio of orchestration to plain-loop event rate", map(results, r -> r.rates().ratio()),
                    "x", headline ? Goal.atLeast(1 / 3.0, "at least 0.33") : null);
            add(scenario, "tests completed, every step once (of " + size + ")",
                    map(results, r -> (double) r.completed()), "", Goal.atLeast(size, "all"));
            add(scenario, "peak heap in use", map(results, r -> r.peakHeapBytes() / 1e6), "MB", null);
            add(scenario, "peak RSS (whole suite JVM)", map(results, r -> r.peakRssBytes() / 1e6), "MB", null);
            add(scenario, "RSS after the outage, after a GC", map(results, r -> r.rssAfterBytes() / 1e6), "MB", null);
            add(scenario, "heap in use after the outage, after a GC", map(results, r -> r.heapAfterBytes() / 1e6), "MB",
                    null);
            add(scenario, "data directory once the outage is over", map(results, r -> r.dataDirBytes() / 1e6), "MB",
                    size == 3000 ? Goal.below(500, "under 500 MB") : null);
            add(scenario, "data directory per stored event", map(results, r -> r.bytesPerStoredEvent() / 1e3), "KB",
                    Goal.below(4.0 + 1e-9, "at most 4 KB"));
        }
        return kept;
    }

    private void rebuild(BenchApp app) throws Exception {
        Rebuild.run(app); // warm-up
        List<Rebuild.Result> results = new ArrayList<>();
        for (int run = 0; run < settings.rebuildRuns(); run++) {
            results.add(Rebuild.run(app));
        }
        String scenario = "3 projection rebuild, " + results.get(0).rates().events() + " events, "
                + results.get(0).documents() + " documents";
        add(scenario, "events per second", map(results, r -> r.rates().eventsPerSecond()), "/s",
                Goal.atLeast(20_000, "at least 20,000/s"));
        add(scenario, "baseline: the same documents by bulk upserts, in events per second",
                map(results, r -> r.rates().baselineEventsPerSecond()), "/s", null);
        add(scenario, "ratio of rebuild to bulk upserts", map(results, r -> r.rates().ratio()), "x",
                Goal.atLeast(0.5, "at least 0.5"));
    }

    private void queries(BenchApp app) throws Exception {
        long tests = Queries.seedHistory(app, settings.queryTests());
        String scenario = "5 queries, " + tests + " tests in the history view";
        Map<String, String> reads = Queries.reads(Queries.someEnvironment(app));
        for (String path : reads.values()) {
            if (path.startsWith("/api/dr-tests")) {
                Queries.requirePageFilled(app, path);
            }
        }
        reads.put("PDF report of one test", Queries.pdfPath(app));
        for (Map.Entry<String, String> read : reads.entrySet()) {
            Queries.time(app, read.getValue(), Math.max(1, settings.reads() / 5)); // warm-up
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (int run = 0; run < settings.readRuns(); run++) {
                Stats latencies = Stats.of(Queries.time(app, read.getValue(), settings.reads()));
                p50.add(latencies.median());
                p99.add(latencies.percentile(99));
                System.out.printf("read %s, run %d: p50 %.1f ms, p99 %.1f ms%n", read.getKey(), run + 1,
                        latencies.median(), latencies.percentile(99));
            }
            boolean pdf = read.getKey().startsWith("PDF");
            add(scenario, read.getKey() + ", p50", p50, "ms", null);
            add(scenario, read.getKey() + ", p99 of " + settings.reads(), p99, "ms",
                    pdf ? Goal.below(50, "under 50 ms") : Goal.below(20, "under 20 ms"));
        }
    }

    private void liveProgress() throws Exception {
        try (BenchApp app = BenchApp.start(dir("live"), settings.liveSpeed())) {
            LiveProgress.run(app, settings.liveTests(), settings.clientsPerTest()); // warm-up
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> updates = new ArrayList<>();
            int clients = 0;
            for (int run = 0; run < settings.liveRuns(); run++) {
                LiveProgress.Result result = LiveProgress.run(app, settings.liveTests(), settings.clientsPerTest());
                if (result.clientsThatSawTheEnd() != result.clients()) {
                    throw new IllegalStateException(result.clientsThatSawTheEnd() + " of " + result.clients()
                            + " clients saw their test complete");
                }
                clients = result.clients();
                Stats latencies = Stats.of(result.latenciesMillis());
                p50.add(latencies.median());
                p99.add(latencies.percentile(99));
                updates.add((double) latencies.count());
            }
            String scenario = "4 live progress, " + clients + " clients on " + settings.liveTests() + " running tests";
            add(scenario, "updates received per run", updates, "", null);
            add(scenario, "event recorded to update received, p50", p50, "ms", null);
            add(scenario, "event recorded to update received, p99", p99, "ms", Goal.below(100, "under 100 ms"));
        }
    }

    /** Issue 11: loading an environment after 100,000 backups costs what it costs after ten. */
    private void environmentStream() throws Exception {
        try (BenchApp app = BenchApp.start(dir("backups"), INSTANT)) {
            EnvironmentStream.Result r = EnvironmentStream.run(app, settings.backups(), settings.backupSamples());
            String scenario = "8 an environment's stream, " + r.backups() + " backups";
            add(scenario, "record a backup on an environment with 10 backups", r.fewMillis(), "ms", null);
            add(scenario, "record a backup on one with " + r.backups() + " (from its snapshot)", r.manyMillis(), "ms",
                    null);
            double ratio = Stats.of(r.manyMillis()).median() / Stats.of(r.fewMillis()).median();
            add(scenario, "ratio of the two", List.of(ratio), "x", Goal.below(1.5, "about 1 (under 1.5)"));
            add(scenario, "the first load, replaying every event and taking the snapshot", List.of(r.firstLoadMillis()),
                    "ms", null);
            add(scenario, "snapshot size", List.of(r.snapshotBytes() / 1e3), "KB", null);
        }
    }

    private void add(String scenario, String what, List<Double> values, String unit, Goal goal) {
        Figure figure = new Figure(scenario, what, Stats.of(values), unit, goal);
        figures.add(figure);
        System.out.printf("[%s] %s: median %s %s (min %s, max %s, %d runs)%n", scenario, what,
                format(figure.stats().median()), unit, format(figure.stats().min()), format(figure.stats().max()),
                figure.stats().count());
    }

    private static <T> List<Double> map(List<T> results, Function<T, Double> figure) {
        return results.stream().map(figure).toList();
    }

    private Path dir(String name) throws IOException {
        return Files.createTempDirectory(settings.workDir(), name + "-");
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append('\n');
        md.append("### Suite run of ").append(LocalDate.now()).append(" (").append(settings.name()).append(")\n\n");
        md.append("Command: `").append(COMMAND).append(chosen.isEmpty() ? "" : " -Dbench.args=\"" + chosen + "\"")
                .append("`. Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(memTotalGiB()).append(" GiB, ").append(System.getProperty("java.vm.name"))
                .append(' ').append(System.getProperty("java.version")).append(", suite JVM ")
                .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList()))
                .append(". Each figure: median of the runs (min, max); ratios measured side by side in each run. ")
                .append(String.format("The suite ran for %.1f minutes, load average %s at its start.%n%n",
                        runSeconds / 60, loadAtStart));
        if (!minutes.isEmpty()) {
            md.append("Minutes per scenario: ").append(String.join(", ", minutes.entrySet().stream()
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue())).toList())).append(".\n\n");
        }
        md.append("| scenario | figure | median | min | max | runs | goal | met |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Figure f : figures) {
            md.append("| ").append(f.scenario()).append(" | ").append(f.what()).append(" | ")
                    .append(format(f.stats().median())).append(' ').append(f.unit()).append(" | ")
                    .append(format(f.stats().min())).append(" | ").append(format(f.stats().max())).append(" | ")
                    .append(f.stats().count()).append(" | ")
                    .append(f.goal() == null ? "" : f.goal().text()).append(" | ")
                    .append(f.goal() == null ? "" : f.goal().met().apply(f.stats().median()) ? "yes" : "**no**")
                    .append(" |\n");
        }
        md.append(END).append('\n');
        return md.toString();
    }

    private static String format(double value) {
        if (value >= 100) {
            return String.format("%,.0f", value);
        }
        return value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
    }

    private static String memTotalGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.format("%.0f", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "?";
        }
        return "?";
    }

    /** Replaces the generated section of {@code file} (or appends one), leaving the hand-written text alone. */
    static void writeSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + section + text.substring(text.indexOf('\n', end) < 0 ? text.length()
                : text.indexOf('\n', end) + 1)
                : text + "\n" + section;
        Files.writeString(file, updated);
    }

    List<Figure> figures() {
        return figures;
    }
}
