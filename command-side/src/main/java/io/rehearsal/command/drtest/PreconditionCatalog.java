package io.rehearsal.command.drtest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The configured preconditions every start must acknowledge, all of them and nothing unknown. */
public class PreconditionCatalog {

    public static final List<Precondition> DEFAULTS = List.of(
            new Precondition("unavailable",
                    "The environment will be unavailable during the test, and the test cannot be stopped."),
            new Precondition("data-loss",
                    "App data changed after the last backup ({lastBackup}, {dataLossWindow} ago) will be lost irreversibly."),
            new Precondition("users-informed", "Users and stakeholders have been told of the downtime."),
            new Precondition("no-changes",
                    "No deployment or configuration change is in progress in the environment."),
            new Precondition("next-steps", "The mandatory next steps must be done after the test."));

    private final List<Precondition> preconditions;

    public PreconditionCatalog(List<Precondition> preconditions) {
        if (preconditions == null || preconditions.isEmpty()) {
            preconditions = DEFAULTS;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Precondition p : preconditions) {
            if (p.id() == null || p.id().isBlank() || !ids.add(p.id())) {
                throw new IllegalArgumentException("precondition ids must be present and unique: " + p.id());
            }
        }
        this.preconditions = List.copyOf(preconditions);
    }

    public static PreconditionCatalog defaults() {
        return new PreconditionCatalog(DEFAULTS);
    }

    public List<Precondition> all() {
        return preconditions;
    }

    /** Throws, naming every precondition missing or unknown, unless {@code acknowledged} is exactly the set. */
    public void requireAllAcknowledged(Set<String> acknowledged) {
        Set<String> unknown = new TreeSet<>(acknowledged);
        preconditions.forEach(p -> unknown.remove(p.id()));
        if (!unknown.isEmpty()) {
            throw FailoverRejectedException.invalid("Unknown precondition(s) acknowledged: " + String.join(", ", unknown)
                    + ". The preconditions are: " + ids() + ".");
        }
        List<String> missing = preconditions.stream().map(Precondition::id)
                .filter(id -> !acknowledged.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw FailoverRejectedException.invalid("Every precondition must be acknowledged; missing: "
                    + String.join(", ", missing) + ".");
        }
    }

    private String ids() {
        return preconditions.stream().map(Precondition::id).collect(Collectors.joining(", "));
    }
}
