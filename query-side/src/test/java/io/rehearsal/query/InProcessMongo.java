package io.rehearsal.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.UUID;

/**
 * An in-process MongoDB wire server, reached through the real driver. One server serves the whole run; each
 * test gets a database of its own, dropped when the test ends, so no test sees another's documents.
 * Declare a {@link MongoDatabase} parameter on a test or a {@code @BeforeEach} method to get it.
 */
public final class InProcessMongo implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(InProcessMongo.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MongoDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, k -> new Server(),
                Server.class);
        // the @BeforeEach method and the test method share the test's context, hence its database
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(FreshDatabase.class,
                k -> new FreshDatabase(server.client.getDatabase("test-" + UUID.randomUUID())),
                FreshDatabase.class).database;
    }

    private static final class Server implements ExtensionContext.Store.CloseableResource {
        private final MongoServer server = new MongoServer(new MemoryBackend());
        private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }

    private record FreshDatabase(MongoDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            database.drop();
        }
    }
}
