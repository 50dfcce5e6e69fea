package io.rehearsal.ui.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.rehearsal.api.Actor;
import io.rehearsal.query.Projections;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How events are processed, in every mode: projections keep their tokens in MongoDB beside the documents
 * they guard; a handler error is retried by the processor rather than skipped, so no view silently misses
 * an event and no failover step is silently dropped. A projection's handler that fails on an event sets it aside
 * in a dead-letter queue in the same MongoDB, with its reason: the later events of the same test wait behind it,
 * every other test flows on, and an ADMIN retries it ({@code /api/admin/dead-letters}). A failure to write the
 * views (the batch's flush, outside the handlers) is still retried by the processor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenStoreProperties.class) // Axon binds it only where a DataSource exists
class AxonProcessing {

    @Bean
    MongoDatabase projectionDatabase(MongoClient mongoClient, MongoProperties mongo) {
        return mongoClient.getDatabase(mongo.getMongoClientDatabase());
    }

    @Bean
    ConfigurerModule projectionTokenStores(MongoClient mongoClient, MongoProperties mongo, Serializer serializer,
                                           TokenStoreProperties tokenStoreProperties, TokenOwner owner) {
        return configurer -> {
            MongoTokenStore tokens = MongoTokenStore.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder()
                            .mongoDatabase(mongoClient, mongo.getMongoClientDatabase()).build())
                    .serializer(serializer)
                    .claimTimeout(tokenStoreProperties.getClaimTimeout())
                    .nodeId(owner.nodeId())
                    .build();
            DefaultMongoTemplate deadLetters = DefaultMongoTemplate.builder()
                    .mongoDatabase(mongoClient, mongo.getMongoClientDatabase()).build();
            Projections.PROCESSING_GROUPS.forEach(group -> configurer.eventProcessing()
                    .registerTokenStore(group, c -> tokens)
                    .registerDeadLetterQueue(group, c -> MongoSequencedDeadLetterQueue.builder()
                            .processingGroup(group)
                            .mongoTemplate(deadLetters)
                            .serializer(serializer)
                            .build()));
            configurer.eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        };
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Every event caused by a command records who sent it. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.METADATA_KEY);
    }
}
