package io.rehearsal.ui;

import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile's wiring: Axon Server for events, commands and queries; MongoDB (here the in-process
 * wire-compatible server, through the real driver) for projections, sagas and every token; SQL (PostgreSQL in
 * compose, H2 here) for durable timers only; SMTP for mail; and no embedded event store or MongoDB server. No Axon Server runs here, so this checks the wiring, not the connection: the
 * context is built but not started, since Axon's processors refuse to start without their event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "axon.axonserver.servers=127.0.0.1:9",
        "rehearsal.demo.enabled=false",
        "spring.mail.host=mail.example.test",
        // the timers' table in an in-memory stand-in for PostgreSQL, so db-scheduler's polling finds it
        "spring.datasource.url=jdbc:h2:mem:timers", "spring.sql.init.mode=always",
        "spring.sql.init.schema-locations=classpath:db/embedded-schema.sql",
        "spring.mail.port=1025"})
@ActiveProfiles("axonserver")
@Import(AxonServerProfileWiringTest.BuildWithoutStarting.class)
class AxonServerProfileWiringTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + MONGO_ADDRESS.getPort() + "/rehearsal-prod");
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdownNow();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BuildWithoutStarting {

        /** Takes the place of Spring's lifecycle processor, so no lifecycle bean starts on refresh. */
        @Bean(name = AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME)
        LifecycleProcessor lifecycleProcessor() {
            return new DefaultLifecycleProcessor() {
                @Override
                public void onRefresh() {
                    // built, not started
                }
            };
        }
    }

    @Test
    void eventsCommandsAndQueriesGoThroughAxonServer() {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
    }

    @Test
    void sagasAndEveryProcessorsTokensLiveInMongoDb() {
        assertThat(context.getBean(SagaStore.class)).isInstanceOf(MongoSagaStore.class);
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(MongoTokenStore.class);
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        for (String processor : new String[]{"environments", "dr-test-progress", "dr-test-history", "failover-steps",
                "FailoverSagaProcessor"}) {
            assertThat(processing.tokenStore(processor)).as(processor).isInstanceOf(MongoTokenStore.class);
        }
    }

    @Test
    void projectionsUseTheConfiguredMongoDatabaseAndNoEmbeddedStoreStarts() {
        assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("rehearsal-prod");
        assertThat(context.getBeanNamesForType(MongoServer.class)).isEmpty();
    }

    @Test
    void retriesAndTimeoutsAreDurableDeadlinesInSql() {
        assertThat(context.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void mailGoesToTheConfiguredSmtpHost() {
        JavaMailSenderImpl mail = context.getBean(JavaMailSenderImpl.class);
        assertThat(mail.getHost()).isEqualTo("mail.example.test");
        assertThat(mail.getPort()).isEqualTo(1025);
    }
}
