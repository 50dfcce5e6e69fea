package io.rehearsal.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rehearsal in a JVM of its own, started through its main class as a user starts it: the garbage of start-up is
 * collected before it reports ready (the port file), so the heap it touched is handed back while it idles.
 */
class StartupHeapTest {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void collectsTheStartUpGarbageBeforeReportingReady() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data"))
                .toAbsolutePath(), "startup-heap-");
        try (ChildProcessApplication app = new ChildProcessApplication(dataDir, List.of())) {
            app.start(); // returns once the port file is written

            assertThat(app.logged("Start-up garbage collected in ")).as("logged before the port file").isTrue();
        }
    }
}
