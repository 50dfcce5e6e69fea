package io.rehearsal.api;

import java.util.List;

/** A list wrapper: Axon's query response types stay simple and the JSON stays extensible. */
public record EnvironmentList(List<EnvironmentView> environments) {
}
