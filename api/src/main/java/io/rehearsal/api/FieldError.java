package io.rehearsal.api;

/** One field of a refused request and what is wrong with it; {@code field} is its path in the request body. */
public record FieldError(String field, String message) {
}
