package io.rehearsal.api;

/** The active (not retired) environment whose display name is {@code displayName}, ignoring case; none if none. */
public record FindActiveEnvironmentNamedQuery(String displayName) {
}
