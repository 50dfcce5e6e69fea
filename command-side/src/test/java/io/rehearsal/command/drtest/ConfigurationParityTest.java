package io.rehearsal.command.drtest;

import io.rehearsal.api.ConfigurationParityCheckedEvent.Item;
import io.rehearsal.api.FailoverStep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.rehearsal.command.environment.SampleEnvironment.CONFIGURATION;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationParityTest {

    @Test
    void stepsThatReportNothingProveNothing() {
        List<Item> items = ConfigurationParity.compare(CONFIGURATION, Map.of());

        assertThat(items).hasSize(12).allSatisfy(item -> {
            assertThat(item.match()).as(item.item()).isFalse();
            assertThat(item.target()).isEqualTo("not reported");
        });
    }

    @Test
    void readsTheFactsAsAScriptPrintsThem() {
        // JSON numbers may come back as doubles, a count instead of ids, connections as objects, rules in any order
        Map<FailoverStep, Map<String, Object>> facts = Map.of(
                FailoverStep.RESTORE_DATABASE, Map.of("engine", "postgres", "engineVersion", "16.4",
                        "instanceClass", "db.r6g.large", "storageGb", 200.0),
                FailoverStep.PROVISION_FRONT_ENDS, Map.of("count", 2, "instanceType", "m6i.large", "storageGb", 50L),
                FailoverStep.APPLY_KEPT_CONFIGURATION, Map.of("errorMonitoring", true, "hipaaMode", false,
                        "logSeparation", true, "wafIpRules", List.of("198.51.100.7/32", "203.0.113.0/24"),
                        "externalConnections", List.of(Map.of("name", "reporting-db", "engine", "postgres"))));

        assertThat(ConfigurationParity.compare(CONFIGURATION, facts))
                .allSatisfy(item -> assertThat(item.match()).as("%s", item).isTrue());
    }

    @Test
    void aValueOtherThanTheSourcesIsAFindingShowingBoth() {
        Map<FailoverStep, Map<String, Object>> facts = Map.of(
                FailoverStep.PROVISION_FRONT_ENDS, Map.of("frontEndIds", List.of("fe-1"), "instanceType", "m6i.large",
                        "storageGb", 50.5),
                FailoverStep.APPLY_KEPT_CONFIGURATION, Map.of("hipaaMode", "yes", "wafIpRules", List.of()));

        assertThat(ConfigurationParity.compare(CONFIGURATION, facts)).filteredOn(i -> !i.target().equals("not reported"))
                .containsExactly(
                        new Item("frontEnds.count", "2", "1", false),
                        new Item("frontEnds.instanceType", "m6i.large", "m6i.large", true),
                        new Item("frontEnds.storageGb", "50", "50.5", false),
                        new Item("kept.hipaaMode", "false", "yes", false),
                        new Item("kept.wafIpRules", "198.51.100.7/32, 203.0.113.0/24", "", false));
    }
}
