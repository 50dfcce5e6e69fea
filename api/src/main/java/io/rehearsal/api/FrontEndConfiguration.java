package io.rehearsal.api;

public record FrontEndConfiguration(int count, String instanceType, int storageGb) {
}
