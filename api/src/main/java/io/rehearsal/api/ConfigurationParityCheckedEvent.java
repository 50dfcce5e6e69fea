package io.rehearsal.api;

import java.time.Instant;
import java.util.List;

/**
 * Rehearsal compared the new environment with the source, item by item: what the steps reported against the
 * configuration the test recorded at its start. A mismatch is a finding; it does not fail the test.
 */
public record ConfigurationParityCheckedEvent(DrTestId testId, List<Item> items, Instant checkedAt)
        implements DrTestEvent {

    public ConfigurationParityCheckedEvent {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One compared item; {@code target} is what a step reported, or "not reported". */
    public record Item(String item, String source, String target, boolean match) {
    }
}
