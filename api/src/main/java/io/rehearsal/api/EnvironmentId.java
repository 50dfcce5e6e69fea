package io.rehearsal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/** An environment's id: a lowercase slug, stable for its whole life. */
public record EnvironmentId(@JsonValue String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");

    public EnvironmentId {
        Objects.requireNonNull(value, "environment id");
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException("environment id '" + value
                    + "' is not a slug (lowercase letters, digits and inner hyphens, at most 64 characters)");
        }
    }

    @JsonCreator
    public static EnvironmentId of(String value) {
        return new EnvironmentId(value);
    }

    /** Axon routes and stores aggregates by the identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
