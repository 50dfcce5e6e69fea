package io.rehearsal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** Who sent a command: an authenticated user's name, or {@link #SYSTEM} for Rehearsal's own automation. */
public record Actor(@JsonValue String name) {

    public static final Actor SYSTEM = new Actor("system");

    /** The metadata key under which every event records its actor. */
    public static final String METADATA_KEY = "actor";

    public Actor {
        Objects.requireNonNull(name, "actor name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("actor name is blank");
        }
    }

    @JsonCreator
    public static Actor of(String name) {
        return new Actor(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
