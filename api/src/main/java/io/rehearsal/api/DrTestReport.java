package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a test proves, as one document: what was tested and how it went, the recovery times against the
 * targets, the parity of the new environment with the source, the mandatory next steps, and the customer's own
 * verdict with every edit of it. {@code asOf} is set when the report was rebuilt as it stood at that moment.
 */
public record DrTestReport(DrTestId testId, EnvironmentId environmentId, String environmentName, TestStatus status,
                           Actor startedBy, Instant startedAt, Instant endedAt, String sourceRegion, String drRegion,
                           BackupRef backup, List<StepView> steps, FailoverStep failedStep, String failureReason,
                           Targets targets, Duration automatedRto, Verdict automatedRtoVerdict, Duration fullRto,
                           Verdict fullRtoVerdict, Instant fullyRestoredAt, Duration rpo, Verdict rpoVerdict,
                           List<ParityRow> parity, EnvironmentConfiguration sourceConfiguration,
                           KeptConfiguration keptConfiguration, List<NextStepView> nextSteps, String reason,
                           ReportResult result, String observations, List<Edit> edits, long version, Instant asOf) {

    /** A time against its target: met, missed, or not known yet. */
    public enum Verdict { MET, MISSED, PENDING }

    /** One compared item of the new environment against the source; a mismatch is a finding. */
    public record ParityRow(String item, String source, String target, boolean match) {
    }

    public record NextStepView(String id, String title, NextStep.How how, NextStep.State state, String note,
                               Actor updatedBy, Instant updatedAt) {
    }

    public record Edit(Instant at, Actor by, List<ReportEditedEvent.Change> changes) {
    }
}
