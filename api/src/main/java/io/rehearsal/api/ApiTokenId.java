package io.rehearsal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An API token, known by its name. Its stream in the event store is {@code api-token:<name>}, so that a token never
 * shares a stream with an environment of the same name.
 */
public record ApiTokenId(@JsonValue String name) {

    public static final String STREAM_PREFIX = "api-token:";

    @JsonCreator
    public static ApiTokenId of(String name) {
        return new ApiTokenId(name);
    }

    /** The aggregate identifier Axon stores, which is this value's string form. */
    @Override
    public String toString() {
        return STREAM_PREFIX + name;
    }
}
