package io.rehearsal.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** A DR test's id: a UUID, chosen when the test is requested. */
public record DrTestId(@JsonValue String value) {

    public DrTestId {
        Objects.requireNonNull(value, "test id");
        UUID.fromString(value); // rejects anything that is not a UUID
    }

    @JsonCreator
    public static DrTestId of(String value) {
        return new DrTestId(value);
    }

    public static DrTestId random() {
        return new DrTestId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
