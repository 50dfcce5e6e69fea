package io.rehearsal.command.drtest;

import io.rehearsal.api.ConfigurationParityCheckedEvent.Item;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.ExternalConnection;
import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.KeptConfiguration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The parity of the new environment with the source, computed by Rehearsal from the facts each step reported, never
 * taken from a provider's own claim: the database as RESTORE_DATABASE restored it, the front-ends as
 * PROVISION_FRONT_ENDS created them, the kept configuration as APPLY_KEPT_CONFIGURATION applied it, against the
 * configuration the test recorded when it started. A fact a step did not report is a mismatch: parity unproven.
 */
final class ConfigurationParity {

    static final String NOT_REPORTED = "not reported";

    private ConfigurationParity() {
    }

    static List<Item> compare(EnvironmentConfiguration source, Map<FailoverStep, Map<String, Object>> facts) {
        Map<String, Object> db = facts.getOrDefault(FailoverStep.RESTORE_DATABASE, Map.of());
        Map<String, Object> fe = facts.getOrDefault(FailoverStep.PROVISION_FRONT_ENDS, Map.of());
        Map<String, Object> kept = facts.getOrDefault(FailoverStep.APPLY_KEPT_CONFIGURATION, Map.of());
        KeptConfiguration k = source.kept();
        List<Item> items = new ArrayList<>();
        items.add(item("database.engine", source.database().engine(), db.get("engine")));
        items.add(item("database.engineVersion", source.database().engineVersion(), db.get("engineVersion")));
        items.add(item("database.instanceClass", source.database().instanceClass(), db.get("instanceClass")));
        items.add(item("database.storageGb", source.database().storageGb(), db.get("storageGb")));
        items.add(item("frontEnds.count", source.frontEnds().count(),
                fe.get("frontEndIds") instanceof Collection<?> ids ? ids.size() : fe.get("count")));
        items.add(item("frontEnds.instanceType", source.frontEnds().instanceType(), fe.get("instanceType")));
        items.add(item("frontEnds.storageGb", source.frontEnds().storageGb(), fe.get("storageGb")));
        items.add(item("kept.errorMonitoring", k.errorMonitoring(), kept.get("errorMonitoring")));
        items.add(item("kept.hipaaMode", k.hipaaMode(), kept.get("hipaaMode")));
        items.add(item("kept.logSeparation", k.logSeparation(), kept.get("logSeparation")));
        items.add(item("kept.wafIpRules", set(k.wafIpRules()), set(kept.get("wafIpRules"))));
        items.add(item("kept.externalConnections",
                set(k.externalConnections().stream().map(ExternalConnection::name).toList()),
                set(kept.get("externalConnections"))));
        return items;
    }

    private static Item item(String name, Object source, Object reported) {
        String expected = text(source);
        String actual = reported == null ? NOT_REPORTED : text(reported);
        return new Item(name, expected, actual, reported != null && Objects.equals(expected, actual));
    }

    /** A value as the report shows it; a whole number is a whole number whether JSON made it an int or a double. */
    private static String text(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(value);
    }

    /**
     * A list compared as a set (order is not configuration), or null when the fact is not a list. An element that is
     * an object stands for its {@code name} (external connections are named).
     */
    private static String set(Object list) {
        if (!(list instanceof Collection<?> values)) {
            return null;
        }
        TreeSet<String> sorted = new TreeSet<>();
        values.forEach(v -> sorted.add(String.valueOf(v instanceof Map<?, ?> named ? named.get("name") : v)));
        return String.join(", ", sorted);
    }
}
