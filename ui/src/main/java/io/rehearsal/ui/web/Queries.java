package io.rehearsal.ui.web;

import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Asks the query bus for the web layer. Local query handlers run in the asker's thread and read their stores with
 * blocking drivers (the projections over the MongoDB wire, the audit trail from the event store), so the asking is
 * moved off the event loop: a slow read there would hold every other connection that loop serves.
 */
@Component
public class Queries {

    private final QueryGateway gateway;

    Queries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    /** The handler's answer; empty when it answered null. */
    public <R> Mono<R> ask(Object query, Class<R> type) {
        return Mono.defer(() -> Mono.fromFuture(gateway.query(query, type))).subscribeOn(Schedulers.boundedElastic());
    }

    /** A streaming query's answers, as the handler's cursor yields them. */
    public <R> Flux<R> stream(Object query, Class<R> type) {
        return Flux.defer(() -> gateway.streamingQuery(query, type)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The current answer, then every update emitted for the query; close the result when done. Registering costs
     * no read: the initial answer is read, off the event loop, when {@link Subscription#initial()} is subscribed.
     */
    public <I, U> Subscription<I, U> subscribe(Object query, Class<I> initialType, Class<U> updateType) {
        return new Subscription<>(gateway.subscriptionQuery(query, initialType, updateType));
    }

    /** A subscription query's result, its initial answer read off the event loop; the raw result is kept inside. */
    public static final class Subscription<I, U> implements AutoCloseable {

        private final SubscriptionQueryResult<I, U> result;

        private Subscription(SubscriptionQueryResult<I, U> result) {
            this.result = result;
        }

        public Mono<I> initial() {
            return result.initialResult().subscribeOn(Schedulers.boundedElastic());
        }

        public Flux<U> updates() {
            return result.updates();
        }

        @Override
        public void close() {
            result.close();
        }
    }
}
