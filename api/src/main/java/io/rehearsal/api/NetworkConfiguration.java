package io.rehearsal.api;

public record NetworkConfiguration(String vpcCidr) {
}
