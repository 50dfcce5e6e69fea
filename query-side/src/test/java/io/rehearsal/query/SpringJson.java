package io.rehearsal.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Documents as the application builds them: with an ObjectMapper configured like Spring Boot's. */
public final class SpringJson {

    public static Documents documents() {
        return new Documents(new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS));
    }

    private SpringJson() {
    }
}
