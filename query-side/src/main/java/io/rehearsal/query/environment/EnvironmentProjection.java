package io.rehearsal.query.environment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DisasterRecoveryDisabledEvent;
import io.rehearsal.api.DisasterRecoveryEnabledEvent;
import io.rehearsal.api.DrRegionChangedEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.FindActiveEnvironmentNamedQuery;
import io.rehearsal.api.EnvironmentConfigurationChangedEvent;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentList;
import io.rehearsal.api.EnvironmentRegisteredEvent;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.EnvironmentReservedForTestEvent;
import io.rehearsal.api.EnvironmentRetiredEvent;
import io.rehearsal.api.EnvironmentTargetsChangedEvent;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FindEnvironmentQuery;
import io.rehearsal.api.FindEnvironmentsQuery;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.Targets;
import io.rehearsal.query.Documents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Environments with their DR status, last backup and active test. Each update is guarded by the event's
 * sequence number in its aggregate, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(EnvironmentProjection.PROCESSING_GROUP)
class EnvironmentProjection {

    static final String PROCESSING_GROUP = "environments";
    static final String COLLECTION = EnvironmentViews.COLLECTION;
    /** The display name in lower case: names are unique among active environments ignoring case. */
    private static final String NAME_KEY = "nameKey";

    private final MongoCollection<Document> environments;
    private final Documents documents;

    EnvironmentProjection(MongoDatabase database, Documents documents) {
        this.environments = database.getCollection(COLLECTION);
        this.documents = documents;
        environments.createIndex(Indexes.ascending("displayName"));
        environments.createIndex(Indexes.ascending(NAME_KEY));
    }

    @EventHandler
    void on(EnvironmentRegisteredEvent event, @SequenceNumber long seq) {
        Document doc = new Document("displayName", event.displayName())
                .append(NAME_KEY, nameKey(event.displayName()))
                .append("purpose", event.purpose().name())
                .append("region", event.region())
                .append("drRegion", event.drRegion())
                .append("drEnabled", false)
                .append("available", true)
                .append("configuration", documents.document(event.configuration()))
                .append("targets", documents.document(event.targets()))
                .append(EnvironmentViews.LAST_TEST_ID, null)
                .append("seq", seq);
        Documents.insertOnce(environments, event.environmentId().value(), doc);
    }

    @EventHandler
    void on(DisasterRecoveryEnabledEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("drEnabled", true), Updates.set("drRegion", event.drRegion()));
    }

    @EventHandler
    void on(DisasterRecoveryDisabledEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("drEnabled", false));
    }

    @EventHandler
    void on(DrRegionChangedEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("drRegion", event.drRegion()));
    }

    @EventHandler
    void on(EnvironmentConfigurationChangedEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("configuration", documents.document(event.configuration())));
    }

    @EventHandler
    void on(EnvironmentTargetsChangedEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("targets", documents.document(event.targets())));
    }

    @EventHandler
    void on(BackupRecordedEvent event, @SequenceNumber long seq) {
        if (event.late()) {
            update(event.environmentId(), seq); // an older backup reported late leaves the last backup as it was
            return;
        }
        update(event.environmentId(), seq, Updates.set("lastBackup",
                new Document("backupId", event.backupId()).append("takenAt", Documents.date(event.takenAt()))));
    }

    @EventHandler
    void on(EnvironmentRetiredEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("retiredAt", Documents.date(event.retiredAt())));
    }

    @EventHandler
    void on(EnvironmentReservedForTestEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("available", false),
                Updates.set("activeTestId", event.testId().value()), Updates.set(EnvironmentViews.LAST_TEST_ID, event.testId().value()));
    }

    @EventHandler
    void on(EnvironmentRelocatedEvent event, @SequenceNumber long seq) {
        update(event.environmentId(), seq, Updates.set("available", true), Updates.unset("activeTestId"),
                Updates.set("region", event.region()), Updates.set("drRegion", event.drRegion()),
                Updates.set("configuration.network", documents.document(event.network())));
    }

    private void update(EnvironmentId id, long seq, Bson... updates) {
        Documents.applyInOrder(environments, id.value(), seq, updates);
    }

    @ResetHandler
    void reset() {
        environments.deleteMany(new Document());
    }

    @QueryHandler
    EnvironmentList handle(FindEnvironmentsQuery query) {
        List<EnvironmentView> views = new ArrayList<>();
        environments.find().sort(Sorts.ascending("displayName")).forEach(doc -> views.add(view(doc)));
        return new EnvironmentList(views);
    }

    @QueryHandler
    EnvironmentView handle(FindEnvironmentQuery query) {
        Document doc = environments.find(Filters.eq("_id", query.environmentId().value())).first();
        return doc == null ? null : view(doc);
    }

    @QueryHandler
    EnvironmentView handle(FindActiveEnvironmentNamedQuery query) {
        for (Document doc : environments.find(Filters.eq(NAME_KEY, nameKey(query.displayName())))) {
            if (doc.get("retiredAt") == null) {
                return view(doc);
            }
        }
        return null;
    }

    private static String nameKey(String displayName) {
        return displayName.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private EnvironmentView view(Document doc) {
        Document backup = doc.get("lastBackup", Document.class);
        String activeTest = doc.getString("activeTestId");
        return new EnvironmentView(EnvironmentId.of(doc.getString("_id")), doc.getString("displayName"),
                Purpose.valueOf(doc.getString("purpose")), doc.getString("region"), doc.getString("drRegion"),
                doc.getBoolean("drEnabled", false), doc.getBoolean("available", true),
                backup == null ? null : new BackupRef(backup.getString("backupId"), Documents.instant(backup.getDate("takenAt"))),
                activeTest == null ? null : DrTestId.of(activeTest),
                documents.value(doc.get("configuration"), EnvironmentConfiguration.class),
                documents.value(doc.get("targets"), Targets.class), doc.get("retiredAt") != null,
                doc.get("retiredAt") == null ? null : Documents.instant(doc.getDate("retiredAt")),
                ((Number) doc.get("seq")).longValue());
    }
}
