package io.rehearsal.api;

public record FindEnvironmentQuery(EnvironmentId environmentId) {
}
