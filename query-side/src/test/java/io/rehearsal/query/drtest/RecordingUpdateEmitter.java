package io.rehearsal.query.drtest;

import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryBackpressure;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Records what the projection emits, for one purpose: asking which subscription queries an update reaches.
 * Axon's {@code SimpleQueryUpdateEmitter} hands updates out as a Reactor {@code Flux}, and Reactor is not on
 * query-side's classpath. Only the emitting path is implemented; Axon's own default
 * {@code emit(Class, Predicate, Object)} turns the projection's filter into the subscription-message filter
 * recorded here, exactly as the real emitter receives it.
 */
class RecordingUpdateEmitter implements QueryUpdateEmitter {

    private record Emission(Predicate<SubscriptionQueryMessage<?, ?, ?>> filter, Object update) {
    }

    private final List<Emission> emissions = new ArrayList<>();
    private final Set<SubscriptionQueryMessage<?, ?, ?>> subscriptions = new LinkedHashSet<>();

    /** A subscription as a client opens it: the query, with the view as initial and update type; active from now. */
    <Q> SubscriptionQueryMessage<Q, ?, ?> subscriptionTo(Q query, Class<?> viewType) {
        SubscriptionQueryMessage<Q, ?, ?> subscription = new GenericSubscriptionQueryMessage<>(query,
                ResponseTypes.instanceOf(viewType), ResponseTypes.instanceOf(viewType));
        subscriptions.add(subscription);
        return subscription;
    }

    @Override
    public Set<SubscriptionQueryMessage<?, ?, ?>> activeSubscriptions() {
        return Set.copyOf(subscriptions);
    }

    /** The updates, in emission order, whose filter matches this subscription. */
    List<Object> updatesFor(SubscriptionQueryMessage<?, ?, ?> subscription) {
        return emissions.stream().filter(e -> e.filter().test(subscription)).map(Emission::update).toList();
    }

    int count() {
        return emissions.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> void emit(Predicate<SubscriptionQueryMessage<?, ?, U>> filter, SubscriptionQueryUpdateMessage<U> update) {
        Predicate<?> any = filter;
        emissions.add(new Emission((Predicate<SubscriptionQueryMessage<?, ?, ?>>) any, update.getPayload()));
    }

    @Override
    public void complete(Predicate<SubscriptionQueryMessage<?, ?, ?>> filter) {
        throw new UnsupportedOperationException("not used by the projection");
    }

    @Override
    public void completeExceptionally(Predicate<SubscriptionQueryMessage<?, ?, ?>> filter, Throwable cause) {
        throw new UnsupportedOperationException("not used by the projection");
    }

    @Override
    public boolean queryUpdateHandlerRegistered(SubscriptionQueryMessage<?, ?, ?> query) {
        throw new UnsupportedOperationException("not used by the projection");
    }

    @Override
    @SuppressWarnings("deprecation")
    public <U> UpdateHandlerRegistration<U> registerUpdateHandler(SubscriptionQueryMessage<?, ?, ?> query,
                                                                  SubscriptionQueryBackpressure backpressure,
                                                                  int updateBufferSize) {
        throw new UnsupportedOperationException("not used by the projection");
    }

    @Override
    public <U> UpdateHandlerRegistration<U> registerUpdateHandler(SubscriptionQueryMessage<?, ?, ?> query,
                                                                  int updateBufferSize) {
        throw new UnsupportedOperationException("not used by the projection");
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super SubscriptionQueryUpdateMessage<?>> interceptor) {
        throw new UnsupportedOperationException("not used by the projection");
    }
}
