package io.rehearsal.command.token;

import io.rehearsal.api.ApiTokenCreatedEvent;
import io.rehearsal.api.ApiTokenId;
import io.rehearsal.api.ApiTokenRevokedEvent;
import io.rehearsal.api.CreateApiTokenCommand;
import io.rehearsal.api.RevokeApiTokenCommand;
import io.rehearsal.command.drtest.FailoverRejectedException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An API token for a machine (the ApiToken aggregate): its name is its identity, so a name is taken for good, even
 * once the token is revoked; its role is one of the known ones; its expiry, if any, lies in the future.
 */
@Aggregate(type = "ApiToken")
public class ApiToken {

    /** The roles a token may hold: the three of people, and BACKUP_AGENT, which only records backups. */
    public static final List<String> ROLES = List.of("OPERATOR", "AUDITOR", "ADMIN", "BACKUP_AGENT");
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]");
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private ApiTokenId id;
    private boolean revoked;

    /** Creating is "create if missing", so that a name already taken is refused here, with a reason, not by the store. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateApiTokenCommand cmd, Clock clock) {
        if (id != null) {
            throw FailoverRejectedException.conflict("name: a token named '" + cmd.tokenId().name()
                    + "' exists already" + (revoked ? " (revoked)" : "") + "; token names are never reused.");
        }
        String name = cmd.tokenId().name();
        if (name == null || name.isBlank()) {
            throw FailoverRejectedException.invalid("name: a token needs a name.");
        }
        if (!NAME.matcher(name).matches()) {
            throw FailoverRejectedException.invalid("name: '" + name + "' is no valid token name; use 3 to 63 "
                    + "lowercase letters, digits and dashes, beginning and ending with a letter or digit.");
        }
        if (cmd.role() == null || cmd.role().isBlank()) {
            throw FailoverRejectedException.invalid("role: a token needs a role, one of " + ROLES + ".");
        }
        if (!ROLES.contains(cmd.role())) {
            throw FailoverRejectedException.invalid("role: '" + cmd.role() + "' is no role; roles are " + ROLES + ".");
        }
        if (cmd.expiresAt() != null && !cmd.expiresAt().isAfter(clock.instant())) {
            throw FailoverRejectedException.invalid("expiresAt: " + cmd.expiresAt()
                    + " is not in the future; leave it out for a token that does not expire.");
        }
        if (cmd.secretHash() == null || !SHA_256_HEX.matcher(cmd.secretHash()).matches()) {
            throw FailoverRejectedException.invalid("secretHash: the hash of a token's secret is 64 hex digits.");
        }
        apply(new ApiTokenCreatedEvent(cmd.tokenId(), cmd.role(), cmd.secretHash(), cmd.expiresAt(), clock.instant()));
    }

    /** Revoking an unknown token is refused; revoking a revoked one again records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RevokeApiTokenCommand cmd, Clock clock) {
        if (id == null) {
            throw FailoverRejectedException.notFound("No API token named '" + cmd.tokenId().name() + "'.");
        }
        if (revoked) {
            return;
        }
        apply(new ApiTokenRevokedEvent(id, clock.instant()));
    }

    @EventSourcingHandler
    void on(ApiTokenCreatedEvent event) {
        id = event.tokenId();
    }

    @EventSourcingHandler
    void on(ApiTokenRevokedEvent event) {
        revoked = true;
    }

    protected ApiToken() {
        // for Axon
    }
}
