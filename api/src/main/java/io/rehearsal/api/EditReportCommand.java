package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes a report's editable attributes; a null leaves that attribute as it is. */
public record EditReportCommand(@TargetAggregateIdentifier DrTestId testId, String reason, ReportResult result,
                                String observations, Actor editedBy) {
}
