package io.rehearsal.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Creates a token for a machine. Only the SHA-256 of its secret travels and is kept; the secret itself is shown
 * once to the ADMIN who created it.
 *
 * @param role      one of OPERATOR, AUDITOR, ADMIN or BACKUP_AGENT
 * @param expiresAt when it stops working, or null for never
 */
public record CreateApiTokenCommand(@TargetAggregateIdentifier ApiTokenId tokenId, String role, String secretHash,
                                    Instant expiresAt) {
}
