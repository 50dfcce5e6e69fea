package io.rehearsal.ui.runtime;

import io.rehearsal.command.AggregateCaches;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.mongodb.client.MongoClient;

/**
 * Production: Axon Server stores events and routes messages; MongoDB ({@code spring.data.mongodb.*}) keeps
 * projections and the Axon state that is not events (sagas, every processor's tokens).
 */
@Configuration(proxyBeanMethods = false)
@Profile(AxonServerMode.PROFILE)
public class AxonServerMode {

    public static final String PROFILE = "axonserver";

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient mongoClient, MongoProperties mongo) {
        return DefaultMongoTemplate.builder().mongoDatabase(mongoClient, mongo.getMongoClientDatabase()).build();
    }

    /** What every event processor reads: Axon Server's streams notify their readers by themselves. */
    @Bean
    EventStoreReader processorEventSource(EventStore eventStore) {
        return new EventStoreReader(eventStore);
    }

    /** Several instances may handle commands on one aggregate: none is kept between commands. */
    @Bean(AggregateCaches.DR_TESTS)
    Cache drTestCache() {
        return NoCache.INSTANCE;
    }

    @Bean(AggregateCaches.ENVIRONMENTS)
    Cache environmentCache() {
        return NoCache.INSTANCE;
    }

    @Bean
    TokenOwner tokenOwner() {
        return new TokenOwner(java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
    }

    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                          TokenStoreProperties tokenStoreProperties, TokenOwner owner) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout()).nodeId(owner.nodeId()).build();
    }

    @Bean
    SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }
}
