package io.rehearsal.api;

import java.util.List;

/** The configurations a failover carries over to the new environment. */
public record KeptConfiguration(boolean errorMonitoring, boolean hipaaMode, boolean logSeparation,
                                List<String> wafIpRules, List<ExternalConnection> externalConnections) {

    public KeptConfiguration {
        wafIpRules = wafIpRules == null ? List.of() : List.copyOf(wafIpRules);
        externalConnections = externalConnections == null ? List.of() : List.copyOf(externalConnections);
    }
}
