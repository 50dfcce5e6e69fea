package io.rehearsal.api;

import java.time.Instant;

/** A token was created; its creator is the event's actor. The secret's hash is no secret: it cannot be reversed. */
public record ApiTokenCreatedEvent(ApiTokenId tokenId, String role, String secretHash, Instant expiresAt,
                                   Instant createdAt) implements ApiTokenEvent {
}
