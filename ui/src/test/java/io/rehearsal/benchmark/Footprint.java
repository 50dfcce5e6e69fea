package io.rehearsal.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: Rehearsal as a user starts it, in a JVM of its own with the JVM's default settings, on a fresh
 * data directory: the time from launching the process to ready (demo inventory loaded, port file written), then,
 * with no test running, the CPU it spends per second of a quiet spell that starts a settling period after ready
 * (so the start-up's own tail, class loading and the JIT's first compilations, is not counted), and its resident
 * set at the end.
 */
final class Footprint {

    record Result(double readySeconds, double idleCpuMillisPerSecond, long idleRssBytes) {
    }

    /**
     * @param jar the packaged {@code rehearsal.jar}; where there is none yet (the smoke run happens before
     *            packaging), the application's main class on this JVM's class path
     */
    static Result run(Path jar, Path dataDir, Duration settle, Duration idle) throws Exception {
        Files.createDirectories(dataDir);
        Path portFile = dataDir.resolve("port");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true"));
        if (jar != null && Files.exists(jar)) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rehearsal.RehearsalApplication"));
        }
        command.addAll(List.of("--server.port=0", "--server.address=127.0.0.1", "--rehearsal.data-dir=" + dataDir,
                "--rehearsal.port-file=" + portFile));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("rehearsal.out").toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            BenchApp.await("the port file", Duration.ofMinutes(2), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Rehearsal exited with " + process.exitValue() + "; see "
                            + dataDir.resolve("rehearsal.out"));
                }
                try {
                    return Files.exists(portFile) && !Files.readString(portFile).isBlank();
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            double ready = (System.nanoTime() - started) / 1e9;
            // the quiet spells are what is measured, not waits for luck
            Thread.sleep(settle.toMillis());
            long cpuBefore = ResourceSampler.cpuNanos(process.pid());
            long idleStarted = System.nanoTime();
            Thread.sleep(idle.toMillis());
            double cpuMillisPerSecond = (ResourceSampler.cpuNanos(process.pid()) - cpuBefore) / 1e6
                    / ((System.nanoTime() - idleStarted) / 1e9);
            return new Result(ready, cpuMillisPerSecond, ResourceSampler.rssBytes(process.pid()));
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
