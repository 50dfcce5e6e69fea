package io.rehearsal.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class QuerySideConfiguration {

    @Bean
    Documents documents(ObjectMapper objectMapper) {
        return new Documents(objectMapper);
    }
}
