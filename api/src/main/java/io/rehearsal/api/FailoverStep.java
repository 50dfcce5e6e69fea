package io.rehearsal.api;

import java.util.Optional;

/** The failover steps, in the order the saga runs them. */
public enum FailoverStep {
    LOCK_SOURCE,
    PROVISION_NETWORK,
    RESTORE_DATABASE,
    PROVISION_FRONT_ENDS,
    CREATE_DNS,
    INSTALL_DEFAULT_CERTIFICATE,
    APPLY_KEPT_CONFIGURATION,
    VERIFY,
    ACTIVATE;

    public static FailoverStep first() {
        return values()[0];
    }

    public Optional<FailoverStep> next() {
        int next = ordinal() + 1;
        return next < values().length ? Optional.of(values()[next]) : Optional.empty();
    }
}
