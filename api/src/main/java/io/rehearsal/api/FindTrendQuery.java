package io.rehearsal.api;

/** RTO and RPO of every test of an environment, oldest first: the data of a trend chart. */
public record FindTrendQuery(EnvironmentId environmentId) {
}
