package io.rehearsal.api;

/** One test's progress; also the subscription query behind the live stream. */
public record FindDrTestQuery(DrTestId testId) {
}
