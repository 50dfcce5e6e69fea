package io.rehearsal.ui.operations;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /**
     * Axon times every message by payload type and handler, with percentiles: hundreds of series that make each
     * scrape heavy and say little. Its counters, capacities and processor latency (the lag) stay.
     */
    @Bean
    MeterFilter withoutAxonsPerMessageTimers() {
        return MeterFilter.deny(id -> id.getName().endsWith("Timer")
                && (id.getName().startsWith("eventProcessor") || id.getName().startsWith("commandHandling")
                || id.getName().startsWith("queryHandling") || id.getName().startsWith("eventStore")));
    }
}
