package io.rehearsal.ui.security;

import io.rehearsal.api.Actor;
import io.rehearsal.api.ApiTokenCreatedEvent;
import io.rehearsal.api.ApiTokenId;
import io.rehearsal.api.ApiTokenRevokedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API tokens as their events tell them. A token is read from its own stream in the event store whenever it is
 * presented, so a revocation (or a new token) counts at once, on every instance, with nothing kept in memory to go
 * stale (the ADMIN's list comes from {@link ApiTokenIndex}).
 * <p>
 * A token reads {@code rh.<name>.<secret>}: the name says which stream to read, the secret is 256 random bits, kept
 * only as its SHA-256 (a slow hash buys nothing against a secret that long) and compared in constant time.
 */
@Component
class ApiTokens {

    static final String PREFIX = "rh.";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the events say of one token. */
    record Token(String name, String role, String secretHash, Instant expiresAt, Instant createdAt, String createdBy,
                 Instant revokedAt, String revokedBy) {

        boolean validAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }

        Token revoked(Instant at, String by) {
            return new Token(name, role, secretHash, expiresAt, createdAt, createdBy, at, by);
        }
    }

    /** A new token's secret and what is stored of it. */
    record Issued(String token, String secretHash) {
    }

    private final EventStore events;
    /** When each token last authenticated a request on this instance (not recorded: a request is no event). */
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();

    ApiTokens(EventStore events) {
        this.events = events;
    }

    static Issued issue(String name) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(PREFIX + name + "." + encoded, sha256(encoded));
    }

    /** The name a presented token claims, and its secret; null if it has not the form of a token. */
    static String[] parse(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return null;
        }
        int dot = presented.lastIndexOf('.');
        if (dot <= PREFIX.length() || dot == presented.length() - 1) {
            return null;
        }
        return new String[]{presented.substring(PREFIX.length(), dot), presented.substring(dot + 1)};
    }

    static boolean secretMatches(String secret, String storedHash) {
        return MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One token, from its own stream; empty if no token has that name. */
    Mono<Token> find(String name) {
        return Mono.fromCallable(() -> {
            Token token = null;
            DomainEventStream stream = events.readEvents(ApiTokenId.of(name).toString());
            while (stream.hasNext()) {
                token = apply(token, stream.next());
            }
            return token;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    void used(String name, Instant at) {
        lastUsed.put(name, at);
    }

    Instant lastUsed(String name) {
        return lastUsed.get(name);
    }

    private static Token apply(Token token, EventMessage<?> event) {
        Object actor = event.getMetaData().get(Actor.METADATA_KEY);
        String by = actor == null ? null : actor.toString();
        if (event.getPayload() instanceof ApiTokenCreatedEvent created) {
            return new Token(created.tokenId().name(), created.role(), created.secretHash(), created.expiresAt(),
                    created.createdAt(), by, null, null);
        }
        if (event.getPayload() instanceof ApiTokenRevokedEvent revoked && token != null) {
            return token.revoked(revoked.revokedAt(), by);
        }
        return token;
    }
}
