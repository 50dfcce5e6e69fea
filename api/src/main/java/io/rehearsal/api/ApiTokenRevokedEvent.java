package io.rehearsal.api;

import java.time.Instant;

/** A token stopped working for good; who revoked it is the event's actor. */
public record ApiTokenRevokedEvent(ApiTokenId tokenId, Instant revokedAt) implements ApiTokenEvent {
}
