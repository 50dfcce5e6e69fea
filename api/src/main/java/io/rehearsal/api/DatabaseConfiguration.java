package io.rehearsal.api;

public record DatabaseConfiguration(String engine, String engineVersion, String instanceClass, int storageGb) {
}
