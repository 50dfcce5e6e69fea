package io.rehearsal.api;

/** A named connection from the environment to an external database. */
public record ExternalConnection(String name, String engine, String host) {
}
