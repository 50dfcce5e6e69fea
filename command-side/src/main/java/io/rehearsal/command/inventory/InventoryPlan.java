package io.rehearsal.command.inventory;

import java.util.List;

/**
 * What applying an inventory file does, environment by environment: registered, changed (and what), unchanged,
 * or only in Rehearsal ({@code NOT_IN_FILE}: never retired by a file). {@code notApplied} lists what a file cannot
 * change (a rename, the region a failover moved an environment to).
 */
public record InventoryPlan(String source, boolean dryRun, List<Item> environments) {

    public enum Action {
        REGISTER, CHANGE, UNCHANGED, NOT_IN_FILE, RETIRED
    }

    public record Item(String environmentId, Action action, List<String> changes, List<String> notApplied) {
    }

    /** Whether applying it records anything. */
    public boolean changesAnything() {
        return environments.stream().anyMatch(i -> i.action() == Action.REGISTER || i.action() == Action.CHANGE);
    }
}
