package io.rehearsal.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Per environment: its last test and the customer's verdict on it, when the next test is due (its last test's
 * start plus its test interval) and whether that moment has passed; and counts of the tests started in the
 * period by technical status and by verdict. A retired environment is listed with its tests, never overdue.
 */
public record ComplianceReport(Instant from, Instant to, List<EnvironmentCompliance> environments,
                               Map<TestStatus, Long> testsByStatus, Map<ReportResult, Long> testsByResult) {

    public record EnvironmentCompliance(EnvironmentId environmentId, String environmentName, boolean drEnabled,
                                        int testIntervalDays, DrTestSummary lastTest, Instant nextTestDue,
                                        boolean overdue, boolean retired) {
    }
}
