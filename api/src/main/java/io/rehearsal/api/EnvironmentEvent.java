package io.rehearsal.api;

/** Every event of the Environment aggregate: one sequencing key for its projections. */
public interface EnvironmentEvent {
    EnvironmentId environmentId();
}
