package io.rehearsal.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Conversions between message types and BSON. Times are BSON dates and durations milliseconds, so MongoDB
 * sorts and compares them natively; nested value records go through Jackson.
 */
public final class Documents {

    private final ObjectMapper json;

    public Documents(ObjectMapper json) {
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    public Document document(Object value) {
        return value == null ? null : new Document(json.convertValue(value, Map.class));
    }

    public <T> T value(Object document, Class<T> type) {
        return document == null ? null : json.convertValue(document, type);
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    public static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    public static Duration duration(Number millis) {
        return millis == null ? null : Duration.ofMillis(millis.longValue());
    }
}
