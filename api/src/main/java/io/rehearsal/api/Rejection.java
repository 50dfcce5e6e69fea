package io.rehearsal.api;

/**
 * Why a command was refused. Travels as the details of a {@code CommandExecutionException}, so the web
 * layer maps it to a status code without parsing messages, locally and through Axon Server alike.
 */
public record Rejection(Reason reason, String message) {

    public enum Reason {
        NOT_FOUND,
        CONFLICT,
        INVALID
    }
}
