package io.rehearsal.ui.security;

import io.rehearsal.api.Actor;
import io.rehearsal.api.ApiTokenCreatedEvent;
import io.rehearsal.api.ApiTokenId;
import io.rehearsal.api.ApiTokenRevokedEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every API token, for the ADMIN's list: kept in memory by a streaming processor of its own whose position is kept
 * in memory too, so each instance reads the token events from the start of the store when it starts and follows
 * the events of every instance after that. Authentication does not ask it (it reads the token's own stream, which
 * is current at once everywhere); a change waits until the index shows it before it answers.
 */
@Component
@ProcessingGroup(ApiTokenIndex.PROCESSING_GROUP)
class ApiTokenIndex {

    static final String PROCESSING_GROUP = "api-tokens";
    private static final int POLLS = 250;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private record Entry(ApiTokens.Token token, long sequence) {
    }

    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
    private final EventStore events;

    ApiTokenIndex(EventStore events) {
        this.events = events;
    }

    @EventHandler
    void on(ApiTokenCreatedEvent event, @MetaDataValue(Actor.METADATA_KEY) String actor, @SequenceNumber long sequence) {
        tokens.put(event.tokenId().name(), new Entry(new ApiTokens.Token(event.tokenId().name(), event.role(),
                event.secretHash(), event.expiresAt(), event.createdAt(), actor, null, null), sequence));
    }

    @EventHandler
    void on(ApiTokenRevokedEvent event, @MetaDataValue(Actor.METADATA_KEY) String actor, @SequenceNumber long sequence) {
        tokens.computeIfPresent(event.tokenId().name(),
                (name, entry) -> new Entry(entry.token().revoked(event.revokedAt(), actor), sequence));
    }

    /** The tokens, oldest first. */
    List<ApiTokens.Token> all() {
        return tokens.values().stream().map(Entry::token)
                .sorted(Comparator.comparing(ApiTokens.Token::createdAt).thenComparing(ApiTokens.Token::name))
                .toList();
    }

    /** Completes once the index shows every event of the token recorded so far (or after five seconds). */
    Mono<Void> untilCurrent(String name) {
        return Mono.fromCallable(() -> events.lastSequenceNumberFor(ApiTokenId.of(name).toString()).orElse(-1L))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(last -> Mono.fromSupplier(() -> tokens.get(name))
                        .filter(entry -> entry.sequence() >= last)
                        .repeatWhenEmpty(polls -> polls.take(POLLS).delayElements(POLL_INTERVAL)))
                .then();
    }

    @Configuration(proxyBeanMethods = false)
    static class Processing {

        /** Nothing of the index survives a restart, so neither does its position: it reads from the start. */
        @Bean
        ConfigurerModule apiTokenIndexPosition() {
            return configurer -> configurer.eventProcessing()
                    .registerTokenStore(PROCESSING_GROUP, c -> new InMemoryTokenStore());
        }
    }
}
