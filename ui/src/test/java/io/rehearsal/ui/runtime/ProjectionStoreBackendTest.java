package io.rehearsal.ui.runtime;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionStoreBackendTest {

    @Test
    void aGuardedUpdateByIdChangesThatDocumentOnlyAndOnlyWhenTheGuardHolds(@TempDir Path dir) {
        withServer(ProjectionStoreBackend.open(dir.resolve("views.mv").toString(), 16), views -> {
            views.insertOne(new Document("_id", "a").append("seq", 1L).append("status", "RUNNING"));
            views.insertOne(new Document("_id", "b").append("seq", 1L).append("status", "RUNNING"));

            long applied = views.updateOne(new Document("_id", "a").append("seq", new Document("$lt", 2L)),
                    new Document("$set", new Document("status", "COMPLETED").append("seq", 2L))).getModifiedCount();
            long redelivered = views.updateOne(new Document("_id", "a").append("seq", new Document("$lt", 2L)),
                    new Document("$set", new Document("status", "FAILED").append("seq", 2L))).getModifiedCount();
            long otherField = views.updateOne(new Document("_id", "b").append("status", "COMPLETED"),
                    new Document("$set", new Document("seq", 9L))).getModifiedCount();

            assertThat(applied).isEqualTo(1);
            assertThat(redelivered).isZero();
            assertThat(otherField).isZero();
            assertThat(views.find().into(new ArrayList<>())).extracting(d -> d.getString("status"))
                    .containsExactly("COMPLETED", "RUNNING");
        });
    }

    @Test
    void opensWhatThePlainBackendWrote(@TempDir Path dir) {
        String file = dir.resolve("views.mv").toString();
        withServer(new H2Backend(file), views -> views.insertOne(new Document("_id", "a").append("seq", 3L)));

        withServer(ProjectionStoreBackend.open(file, 16), views ->
                assertThat(views.find(new Document("_id", "a").append("seq", 3L)).first()).isNotNull());
    }

    private static void withServer(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.accept(client.getDatabase("rehearsal").getCollection("views"));
        } finally {
            server.shutdown();
        }
    }
}
