package io.rehearsal.query.report;

import io.rehearsal.api.Actor;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.ConfigurationParityCheckedEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentFullyRestoredEvent;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverResumedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepCompletedEvent;
import io.rehearsal.api.FailoverStepFailedEvent;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.NextStep;
import io.rehearsal.api.NextStepUpdatedEvent;
import io.rehearsal.api.ReportEditedEvent;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.StepStatus;
import io.rehearsal.api.StepView;
import io.rehearsal.api.Targets;
import io.rehearsal.api.TestStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report folded from a test's events, one at a time. The projection keeps it between events; a report "as of"
 * a past moment folds the same events up to that moment, so both read the same way.
 */
final class ReportState {

    public DrTestId testId;
    public EnvironmentId environmentId;
    public String environmentName;
    public TestStatus status;
    public Actor startedBy;
    public Instant startedAt;
    public Instant endedAt;
    public String sourceRegion;
    public String drRegion;
    public BackupRef backup;
    public List<StepView> steps = new ArrayList<>();
    public FailoverStep failedStep;
    public String failureReason;
    public Targets targets;
    public Duration automatedRto;
    public Duration fullRto;
    public Instant fullyRestoredAt;
    public Duration rpo;
    public List<DrTestReport.ParityRow> parity = new ArrayList<>();
    public EnvironmentConfiguration sourceConfiguration;
    public List<DrTestReport.NextStepView> nextSteps = new ArrayList<>();
    public String reason = "";
    public ReportResult result = ReportResult.NOT_EVALUATED;
    public String observations = "";
    public List<DrTestReport.Edit> edits = new ArrayList<>();

    void apply(Object event) {
        if (event instanceof FailoverStartedEvent e) {
            testId = e.testId();
            environmentId = e.environmentId();
            environmentName = e.environmentName();
            status = TestStatus.RUNNING;
            startedBy = e.startedBy();
            startedAt = e.startedAt();
            sourceRegion = e.sourceRegion();
            drRegion = e.drRegion();
            backup = e.backup();
            rpo = e.dataLossWindow();
            targets = e.targets();
            sourceConfiguration = e.sourceConfiguration();
            reason = e.reason() == null ? "" : e.reason();
            steps = new ArrayList<>();
            for (FailoverStep step : FailoverStep.values()) {
                steps.add(new StepView(step, StepStatus.PENDING, 0, null, null, null, Map.of()));
            }
        } else if (event instanceof FailoverStepStartedEvent e) {
            step(e.step(), new StepView(e.step(), StepStatus.RUNNING, e.attempt(), e.startedAt(), null, null, Map.of()));
        } else if (event instanceof FailoverStepCompletedEvent e) {
            StepView was = steps.get(e.step().ordinal());
            step(e.step(), new StepView(e.step(), StepStatus.COMPLETED, e.attempt(), was.startedAt(), e.completedAt(),
                    null, e.facts()));
            if (e.step() == FailoverStep.VERIFY) {
                parity = parityOf(e.facts()); // a test recorded before Rehearsal checked parity itself
            }
        } else if (event instanceof ConfigurationParityCheckedEvent e) {
            parity = new ArrayList<>(e.items().stream()
                    .map(i -> new DrTestReport.ParityRow(i.item(), i.source(), i.target(), i.match())).toList());
        } else if (event instanceof FailoverStepFailedEvent e) {
            StepView was = steps.get(e.step().ordinal());
            step(e.step(), new StepView(e.step(), StepStatus.FAILED, e.attempt(), was.startedAt(), e.failedAt(),
                    e.reason(), was.facts()));
        } else if (event instanceof FailoverCompletedEvent e) {
            status = TestStatus.COMPLETED;
            endedAt = e.completedAt();
            automatedRto = e.automatedRto();
            nextSteps = new ArrayList<>();
            for (NextStep step : NextStep.values()) {
                nextSteps.add(new DrTestReport.NextStepView(step.id(), step.title(), step.how(), NextStep.State.OPEN,
                        "", null, null));
            }
        } else if (event instanceof FailoverFailedEvent e) {
            status = TestStatus.FAILED;
            endedAt = e.failedAt();
            failedStep = e.step();
            failureReason = e.reason();
        } else if (event instanceof FailoverResumedEvent) {
            status = TestStatus.RUNNING;
            endedAt = null;
            failedStep = null;
            failureReason = null;
        } else if (event instanceof NextStepUpdatedEvent e) {
            nextSteps.set(e.step().ordinal(), new DrTestReport.NextStepView(e.step().id(), e.step().title(),
                    e.step().how(), e.state(), e.note(), e.actor(), e.at()));
        } else if (event instanceof EnvironmentFullyRestoredEvent e) {
            fullRto = e.fullRto();
            fullyRestoredAt = e.restoredAt();
        } else if (event instanceof ReportEditedEvent e) {
            for (ReportEditedEvent.Change change : e.changes()) {
                switch (change.attribute()) {
                    case "reason" -> reason = change.to();
                    case "result" -> result = ReportResult.valueOf(change.to());
                    case "observations" -> observations = change.to();
                    default -> throw new IllegalArgumentException("unknown report attribute " + change.attribute());
                }
            }
            edits.add(new DrTestReport.Edit(e.editedAt(), e.editedBy(), e.changes()));
        }
    }

    /**
     * The moment the report shows for an event, read from the event itself: a report "as of" a moment folds the
     * events whose shown moment is not after it, so asking as of a time the report shows answers the state at
     * that time. (The message's own timestamp is a second clock reading, taken a little later.) Empty for an
     * event the report shows no moment of.
     */
    static java.util.Optional<Instant> shownAt(Object event) {
        Instant at = null;
        if (event instanceof FailoverStartedEvent e) {
            at = e.startedAt();
        } else if (event instanceof FailoverStepStartedEvent e) {
            at = e.startedAt();
        } else if (event instanceof FailoverStepCompletedEvent e) {
            at = e.completedAt();
        } else if (event instanceof FailoverStepFailedEvent e) {
            at = e.failedAt();
        } else if (event instanceof FailoverCompletedEvent e) {
            at = e.completedAt();
        } else if (event instanceof FailoverFailedEvent e) {
            at = e.failedAt();
        } else if (event instanceof FailoverResumedEvent e) {
            at = e.resumedAt();
        } else if (event instanceof NextStepUpdatedEvent e) {
            at = e.at();
        } else if (event instanceof EnvironmentFullyRestoredEvent e) {
            at = e.restoredAt();
        } else if (event instanceof ReportEditedEvent e) {
            at = e.editedAt();
        }
        return java.util.Optional.ofNullable(at);
    }

    DrTestReport toReport(long version, Instant asOf) {
        return new DrTestReport(testId, environmentId, environmentName, status, startedBy, startedAt, endedAt,
                sourceRegion, drRegion, backup, List.copyOf(steps), failedStep, failureReason, targets, automatedRto,
                verdict(automatedRto, targets.rto()), fullRto, verdict(fullRto, targets.rto()), fullyRestoredAt, rpo,
                verdict(rpo, targets.rpo()), List.copyOf(parity), sourceConfiguration, sourceConfiguration.kept(),
                List.copyOf(nextSteps), reason, result, observations, List.copyOf(edits), version, asOf);
    }

    private void step(FailoverStep step, StepView view) {
        steps.set(step.ordinal(), view);
    }

    private static DrTestReport.Verdict verdict(Duration actual, Duration target) {
        if (actual == null || target == null) {
            return DrTestReport.Verdict.PENDING;
        }
        return actual.compareTo(target) <= 0 ? DrTestReport.Verdict.MET : DrTestReport.Verdict.MISSED;
    }

    @SuppressWarnings("unchecked")
    private static List<DrTestReport.ParityRow> parityOf(Map<String, Object> facts) {
        List<DrTestReport.ParityRow> rows = new ArrayList<>();
        if (facts.get("parity") instanceof List<?> list) {
            for (Object row : list) {
                if (row instanceof Map<?, ?> map) {
                    rows.add(new DrTestReport.ParityRow(String.valueOf(map.get("item")), String.valueOf(map.get("source")),
                            String.valueOf(map.get("target")), Boolean.TRUE.equals(map.get("match"))));
                }
            }
        }
        return rows;
    }
}
