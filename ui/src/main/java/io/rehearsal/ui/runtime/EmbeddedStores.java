package io.rehearsal.ui.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import io.rehearsal.command.AggregateCaches;
import io.rehearsal.command.OwnerOnly;
import io.rehearsal.command.RehearsalProperties;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded default: everything under {@code rehearsal.data-dir}, no other service.
 * <ul>
 * <li>Events, sagas and the tokens of the command-side processors in one H2 file, written through on every
 * commit ({@code WRITE_DELAY=0}): with H2's default delay, acknowledged events were lost on {@code kill -9}.</li>
 * <li>Projections (and their tokens) in an in-process MongoDB-wire server on an H2 MVStore file, reached over
 * loopback through the real MongoDB driver, so the query side runs the same code as in production.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + AxonServerMode.PROFILE)
@EnableConfigurationProperties(EmbeddedStores.EmbeddedProperties.class)
class EmbeddedStores {

    /** Enough for the views of about 100,000 tests to be scanned from memory; it fills only as views grow. */
    private static final int PROJECTION_CACHE_MB = 96;

    /**
     * Above what the application writes: with the demo's environments the largest payloads (a test's start, its
     * parity check) are about 1.1 KB, and a test's events carry about 280 bytes of metadata, just over H2's default.
     */
    static final int INPLACE_LOB_BYTES = 8192;

    private static final long AGGREGATES_CACHED = 5_000;
    private static final Duration AGGREGATE_IDLE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStores.class);

    /**
     * @param shared           several processes share the data directory: H2 serves its file to the others
     *                         (AUTO_SERVER), and a survivor takes it over when its owner dies
     * @param projectionsUri   a MongoDB (or wire-compatible server) for the projections instead of the in-process
     *                         one, so that several instances share the views
     * @param nodeId           the name this instance claims event-processor segments under; by default one
     *                         tied to the data directory
     */
    @ConfigurationProperties("rehearsal.embedded")
    record EmbeddedProperties(boolean shared, String projectionsUri, String nodeId) {
    }

    /**
     * The event store's H2 URL. {@code retry:} reopens the file when a thread is interrupted in the middle of reading
     * or writing it: with the plain file system an interrupt (Axon interrupts a unit of work that outlives its
     * timeout) closes the channel, and from then on every query of every thread fails until a restart. The files
     * are the same either way.
     *
     * <p>{@code MAX_LENGTH_INPLACE_LOB}: Axon's columns are BLOBs (payloads, metadata, tokens, sagas), and H2 keeps a
     * BLOB over 256 bytes out of its row, in LOB maps of its own, with a background cleaner for the replaced ones:
     * more pages per commit and per read for every event and for every token and saga update. Up to
     * {@value #INPLACE_LOB_BYTES} bytes they stay in the row. BLOBs already stored out of line read as before.
     */
    static String jdbcUrl(Path dir, boolean shared) {
        return "jdbc:h2:retry:" + dir.resolve("rehearsal") + ";WRITE_DELAY=0"
                + ";MAX_LENGTH_INPLACE_LOB=" + INPLACE_LOB_BYTES
                + (shared ? ";AUTO_SERVER=TRUE" : ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Bean
    DataSource dataSource(RehearsalProperties properties, EmbeddedProperties embedded) {
        Path dir = dataDir(properties);
        HikariConfig config = new HikariConfig();
        // DB_CLOSE_ON_EXIT=FALSE: Spring closes the pool after the processors released their claims, not before;
        // H2 refuses it when it serves the file to other processes, whose claims then simply time out
        config.setJdbcUrl(jdbcUrl(dir, embedded.shared()));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(24);
        config.setPoolName("rehearsal-store");
        HikariDataSource dataSource = new HikariDataSource(config);
        // H2 creates its files by the umask; the pool has opened them by now. This also mends the modes of a data
        // directory an older version left readable by all.
        OwnerOnly.tree(dir);
        return dataSource;
    }

    @Bean
    TokenOwner tokenOwner(RehearsalProperties properties, EmbeddedProperties embedded) {
        if (embedded.nodeId() != null && !embedded.nodeId().isBlank()) {
            return new TokenOwner(embedded.nodeId());
        }
        if (embedded.shared()) {
            throw new IllegalStateException("rehearsal.embedded.shared=true needs rehearsal.embedded.node-id: "
                    + "a name of its own for each instance sharing the data directory");
        }
        return new TokenOwner("rehearsal@" + dataDir(properties));
    }

    @Bean
    TokenStore tokenStore(DataSource dataSource, Serializer serializer, TokenStoreProperties tokenStoreProperties,
                          TokenOwner owner) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections(dataSource))
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(owner.nodeId())
                .build();
    }

    /**
     * The event store over the H2 storage engine. The processors that are caught up share one reader (optimized
     * event consumption): one query per commit instead of one per processor, and {@link NotifyingEventSource}
     * wakes them once the events are in its cache; a token with gaps reads by an index range
     * ({@link TrackedEventQueries}), not by a scan of the table. Axon's lifecycle stops the reader's producer at
     * shutdown; the destroy method (shutDown is idempotent) makes sure its thread never outlives the context.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus", destroyMethod = "shutDown")
    EmbeddedEventStore eventStore(DataSource dataSource, TransactionManager transactionManager,
                                  Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                  org.axonframework.config.Configuration axon) {
        EventStorageEngine storageEngine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections(dataSource))
                .transactionManager(transactionManager)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .readEventDataWithGaps(TrackedEventQueries::readEventDataWithGaps)
                .build();
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(true)
                .build();
    }

    /**
     * The tests' aggregates between their commands: a failover is about twenty commands on its test, each of which
     * would otherwise replay the test's stream. Bounded for an outage of a few thousand tests at once; on a data
     * directory shared with other processes nothing is kept (see {@link AggregateCaches}).
     */
    @Bean(AggregateCaches.DR_TESTS)
    Cache drTestCache(EmbeddedProperties embedded) {
        return aggregateCache(embedded);
    }

    /** The environments between their commands: recording a backup no longer loads a snapshot first. */
    @Bean(AggregateCaches.ENVIRONMENTS)
    Cache environmentCache(EmbeddedProperties embedded) {
        return aggregateCache(embedded);
    }

    /** Only the store's sole writer may keep aggregates: another process may have appended to a cached one. */
    private static Cache aggregateCache(EmbeddedProperties embedded) {
        return embedded.shared() ? NoCache.INSTANCE : new BoundedCache(AGGREGATES_CACHED, AGGREGATE_IDLE);
    }

    /** What every event processor reads: the event store, with notification of new events. */
    @Bean(destroyMethod = "close")
    NotifyingEventSource processorEventSource(EventStore eventStore) {
        return new NotifyingEventSource(eventStore);
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnExpression("'${rehearsal.embedded.projections-uri:}'.isEmpty()")
    MongoServer embeddedMongoServer(RehearsalProperties properties) {
        Path file = dataDir(properties).resolve("projections.mv");
        // retry: as for the event store, so an interrupted reader does not close the file for everyone
        MongoServer server = new MongoServer(ProjectionStoreBackend.open("retry:" + file, PROJECTION_CACHE_MB));
        OwnerOnly.tree(file); // the MVStore creates its file by the umask
        InetSocketAddress address = server.bind();
        log.info("Embedded MongoDB-wire server for projections on {} (file {})", address, file);
        return server;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(ObjectProvider<MongoServer> embeddedMongoServer, EmbeddedProperties embedded) {
        if (embedded.projectionsUri() != null && !embedded.projectionsUri().isBlank()) {
            return MongoClients.create(embedded.projectionsUri());
        }
        InetSocketAddress address = embeddedMongoServer.getObject().getLocalAddress();
        return MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    private static ConnectionProvider connections(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    private static Path dataDir(RehearsalProperties properties) {
        Path dir = properties.dataDir().toAbsolutePath().normalize();
        try {
            OwnerOnly.directory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        return dir;
    }
}
