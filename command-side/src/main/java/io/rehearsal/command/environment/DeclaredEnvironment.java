package io.rehearsal.command.environment;

import io.rehearsal.api.BackupRef;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.Targets;

import java.util.function.Predicate;

/**
 * An environment as last declared, read from its aggregate. {@code configuration} holds the network as declared;
 * {@code currentNetwork} is the one it runs on, which a failover replaces. After a failover {@code region} and
 * {@code drRegion} have swapped.
 */
public record DeclaredEnvironment(EnvironmentId id, String displayName, Purpose purpose, String region, String drRegion,
                                  boolean drEnabled, boolean retired, EnvironmentConfiguration configuration,
                                  NetworkConfiguration currentNetwork, Targets targets, BackupRef lastBackup,
                                  Predicate<String> hasBackup) {
}
