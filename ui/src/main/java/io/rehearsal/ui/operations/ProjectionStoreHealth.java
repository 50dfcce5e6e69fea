package io.rehearsal.ui.operations;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** The projections' MongoDB (embedded or real) answers a ping: the views can be read and written. */
@Component("projectionStore")
class ProjectionStoreHealth extends AbstractHealthIndicator {

    private final MongoDatabase database;

    ProjectionStoreHealth(MongoDatabase database) {
        super("The projections' MongoDB does not answer");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        builder.up().withDetail("database", database.getName());
    }
}
