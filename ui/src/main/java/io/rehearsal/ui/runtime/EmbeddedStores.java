package io.rehearsal.ui.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.rehearsal.command.RehearsalProperties;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

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
class EmbeddedStores {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStores.class);

    @Bean
    DataSource dataSource(RehearsalProperties properties) {
        Path dir = dataDir(properties);
        HikariConfig config = new HikariConfig();
        // DB_CLOSE_ON_EXIT=FALSE: Spring closes the pool after the processors released their claims, not before
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("rehearsal") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(24);
        config.setPoolName("rehearsal-store");
        return new HikariDataSource(config);
    }

    @Bean
    TokenOwner tokenOwner(RehearsalProperties properties) {
        return new TokenOwner("rehearsal@" + dataDir(properties));
    }

    @Bean
    TokenStore tokenStore(DataSource dataSource, Serializer serializer, TokenStoreProperties tokenStoreProperties,
                          TokenOwner owner) {
        return JdbcTokenStore.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(owner.nodeId())
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(RehearsalProperties properties) {
        Path file = dataDir(properties).resolve("projections.mv");
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        InetSocketAddress address = server.bind();
        log.info("Embedded MongoDB-wire server for projections on {} (file {})", address, file);
        return server;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoServer embeddedMongoServer) {
        InetSocketAddress address = embeddedMongoServer.getLocalAddress();
        return MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    private static Path dataDir(RehearsalProperties properties) {
        Path dir = properties.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        return dir;
    }
}
