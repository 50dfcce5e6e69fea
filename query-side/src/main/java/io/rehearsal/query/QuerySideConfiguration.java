package io.rehearsal.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class QuerySideConfiguration {

    @Bean
    Documents documents(ObjectMapper objectMapper) {
        return new Documents(objectMapper);
    }

    /** Each projection sends the writes of a batch of events together, before its token moves on. */
    @Autowired
    void sendViewWritesPerBatch(EventProcessingConfigurer processing) {
        Projections.PROCESSING_GROUPS.forEach(processor ->
                processing.registerHandlerInterceptor(processor, configuration -> new ViewWrites.FlushAtEndOfBatch()));
    }
}
