package io.rehearsal.api;

/** Every event of the DrTest aggregate: one sequencing key for its projections. */
public interface DrTestEvent {
    DrTestId testId();
}
