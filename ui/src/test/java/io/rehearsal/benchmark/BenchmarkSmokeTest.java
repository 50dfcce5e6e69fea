package io.rehearsal.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's smoke run of the benchmark suite: every scenario once, at a tiny size, so the suite keeps working. It
 * asserts that each scenario produced its figures and lost nothing; it holds no figure to a goal (timing on a
 * shared CI machine proves nothing).
 */
class BenchmarkSmokeTest {

    @Test
    void everyScenarioRunsAndLosesNothing(@TempDir Path workDir) throws Exception {
        BenchmarkSuite suite = new BenchmarkSuite(BenchmarkSuite.Settings.smoke(workDir));

        List<BenchmarkSuite.Figure> figures = suite.run();

        for (String scenario : List.of("1 ", "2 ", "3 ", "4 ", "5 ", "6 ")) {
            assertThat(figures).as("figures of scenario " + scenario)
                    .anyMatch(figure -> figure.scenario().startsWith(scenario));
        }
        assertThat(figures).allSatisfy(figure -> assertThat(figure.stats().values())
                .allSatisfy(value -> assertThat(value).as(figure.what()).isFinite().isNotNegative()));
        assertThat(figures).filteredOn(figure -> figure.what().startsWith("tests completed"))
                .singleElement().satisfies(figure -> assertThat(figure.stats().min()).isEqualTo(5.0));
        assertThat(figures).filteredOn(figure -> figure.what().startsWith("updates received"))
                .singleElement().satisfies(figure -> assertThat(figure.stats().min()).isPositive());

        Path file = workDir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\nhand-written text\n");
        BenchmarkSuite.writeSection(file, suite.markdown());
        BenchmarkSuite.writeSection(file, suite.markdown());
        String written = Files.readString(file);
        assertThat(written).startsWith("# Benchmarks\n\nhand-written text\n");
        assertThat(written.indexOf(BenchmarkSuite.BEGIN)).as("one generated section, replaced in place")
                .isEqualTo(written.lastIndexOf(BenchmarkSuite.BEGIN)).isPositive();
        assertThat(written).contains("| 1 one failover | 202 to COMPLETED in the progress view |");
    }
}
