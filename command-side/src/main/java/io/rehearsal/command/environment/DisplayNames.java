package io.rehearsal.command.environment;

import io.rehearsal.api.EnvironmentId;

import java.util.Optional;

/**
 * Which active (not retired) environment has a display name, ignoring case. An operator confirms a test by
 * typing the name, so two environments sharing one would make the confirmation ambiguous.
 */
public interface DisplayNames {

    Optional<EnvironmentId> activeEnvironmentNamed(String displayName);
}
