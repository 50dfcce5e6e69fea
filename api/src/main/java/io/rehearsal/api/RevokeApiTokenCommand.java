package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeApiTokenCommand(@TargetAggregateIdentifier ApiTokenId tokenId) {
}
