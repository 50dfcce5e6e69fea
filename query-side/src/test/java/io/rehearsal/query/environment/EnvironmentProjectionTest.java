package io.rehearsal.query.environment;

import com.mongodb.client.MongoDatabase;
import io.rehearsal.api.BackupRecordedEvent;
import io.rehearsal.api.DisasterRecoveryDisabledEvent;
import io.rehearsal.api.DrRegionChangedEvent;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentConfigurationChangedEvent;
import io.rehearsal.api.EnvironmentRetiredEvent;
import io.rehearsal.api.EnvironmentTargetsChangedEvent;
import io.rehearsal.api.FindActiveEnvironmentNamedQuery;
import io.rehearsal.api.Targets;
import io.rehearsal.api.BackupRef;
import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.DisasterRecoveryEnabledEvent;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentRegisteredEvent;
import io.rehearsal.api.EnvironmentRelocatedEvent;
import io.rehearsal.api.EnvironmentReservedForTestEvent;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.ExternalConnection;
import io.rehearsal.api.FindEnvironmentQuery;
import io.rehearsal.api.FindEnvironmentsQuery;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.NetworkConfiguration;
import io.rehearsal.api.Purpose;
import io.rehearsal.query.InProcessMongo;
import io.rehearsal.query.SpringJson;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(InProcessMongo.class)
class EnvironmentProjectionTest {

    private static final EnvironmentId PAYMENTS = EnvironmentId.of("payments-prod");
    private static final EnvironmentConfiguration CONFIGURATION = new EnvironmentConfiguration(
            new DatabaseConfiguration("postgres", "16.4", "db.r6g.xlarge", 500),
            new FrontEndConfiguration(3, "m6i.large", 40),
            new NetworkConfiguration("10.20.0.0/16"),
            new KeptConfiguration(true, true, false, List.of("203.0.113.0/24", "198.51.100.7/32"),
                    List.of(new ExternalConnection("ledger", "oracle", "ledger.internal:1521"),
                            new ExternalConnection("crm", "mysql", "crm.internal:3306"))));
    private static final Targets TARGETS = new Targets(Duration.ofMinutes(90), Duration.ofMinutes(15).plusSeconds(30), 90);
    private static final Instant T0 = Instant.parse("2025-03-04T10:15:30.123Z");

    private MongoDatabase database;
    private EnvironmentProjection projection;

    @BeforeEach
    void setUp(MongoDatabase database) {
        this.database = database;
        this.projection = new EnvironmentProjection(database, SpringJson.documents());
    }

    @Test
    void listsRegisteredEnvironmentWithItsConfigurationAndTargetsIntact() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);

        assertThat(projection.handle(new FindEnvironmentsQuery()).environments()).containsExactly(
                new EnvironmentView(PAYMENTS, "Payments", Purpose.PRODUCTION, "eu-west-1", null, false, true, null,
                        null, CONFIGURATION, TARGETS, false, null, 0));
    }

    @Test
    void marksDisasterRecoveryEnabledWithItsRegion() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new DisasterRecoveryEnabledEvent(PAYMENTS, "eu-central-1"), 1);

        EnvironmentView view = find(PAYMENTS);
        assertThat(view.drEnabled()).isTrue();
        assertThat(view.drRegion()).isEqualTo("eu-central-1");
        assertThat(view.region()).isEqualTo("eu-west-1");
    }

    @Test
    void recordsTheLastBackup() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-001", T0), 1);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-002", T0.plusSeconds(3600)), 2);

        assertThat(find(PAYMENTS).lastBackup()).isEqualTo(new BackupRef("snap-002", T0.plusSeconds(3600)));
    }

    @Test
    void reservationMakesTheEnvironmentUnavailableAndNamesTheActiveTest() {
        DrTestId test = DrTestId.random();
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new DisasterRecoveryEnabledEvent(PAYMENTS, "eu-central-1"), 1);
        projection.on(new EnvironmentReservedForTestEvent(PAYMENTS, test, T0), 2);

        EnvironmentView view = find(PAYMENTS);
        assertThat(view.available()).isFalse();
        assertThat(view.activeTestId()).isEqualTo(test);
    }

    @Test
    void relocationSwapsRegionsReplacesTheNetworkAndFreesTheEnvironment() {
        DrTestId test = DrTestId.random();
        NetworkConfiguration newNetwork = new NetworkConfiguration("10.64.0.0/16");
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new DisasterRecoveryEnabledEvent(PAYMENTS, "eu-central-1"), 1);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-001", T0), 2);
        projection.on(new EnvironmentReservedForTestEvent(PAYMENTS, test, T0.plusSeconds(60)), 3);
        // the aggregate puts the swapped regions in the event: it now runs in the old DR region
        projection.on(new EnvironmentRelocatedEvent(PAYMENTS, test, "eu-central-1", "eu-west-1", newNetwork,
                T0.plusSeconds(1800)), 4);

        assertThat(find(PAYMENTS)).isEqualTo(new EnvironmentView(PAYMENTS, "Payments", Purpose.PRODUCTION,
                "eu-central-1", "eu-west-1", true, true, new BackupRef("snap-001", T0), null,
                CONFIGURATION.withNetwork(newNetwork), TARGETS, false, null, 4));
    }

    @Test
    void followsConfigurationTargetsAndDrChangesAndRetirement() {
        EnvironmentConfiguration bigger = CONFIGURATION.withNetwork(new NetworkConfiguration("10.65.0.0/16"));
        Targets stricter = new Targets(java.time.Duration.ofHours(1), java.time.Duration.ofHours(2), 90);
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new DisasterRecoveryEnabledEvent(PAYMENTS, "eu-central-1"), 1);
        projection.on(new EnvironmentConfigurationChangedEvent(PAYMENTS, bigger, T0), 2);
        projection.on(new EnvironmentTargetsChangedEvent(PAYMENTS, stricter, T0), 3);
        projection.on(new DrRegionChangedEvent(PAYMENTS, "eu-north-1"), 4);
        projection.on(new DisasterRecoveryDisabledEvent(PAYMENTS), 5);
        projection.on(new EnvironmentRetiredEvent(PAYMENTS, T0.plusSeconds(60)), 6);

        EnvironmentView view = find(PAYMENTS);
        assertThat(view.configuration()).isEqualTo(bigger);
        assertThat(view.targets()).isEqualTo(stricter);
        assertThat(view.drEnabled()).isFalse();
        assertThat(view.drRegion()).isEqualTo("eu-north-1");
        assertThat(view.retired()).isTrue();
        assertThat(view.retiredAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(view.version()).isEqualTo(6);
    }

    @Test
    void aBackupReportedLateLeavesTheLastBackupButAdvancesTheVersion() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-002", T0.plusSeconds(3600)), 1);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-001", T0, true), 2);

        assertThat(find(PAYMENTS).lastBackup().backupId()).isEqualTo("snap-002");
        assertThat(find(PAYMENTS).version()).isEqualTo(2);
    }

    @Test
    void findsTheActiveEnvironmentHoldingANameIgnoringCase() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        EnvironmentId old = EnvironmentId.of("old-payments");
        projection.on(registered(old, "Ledger", "eu-west-1"), 0);
        projection.on(new EnvironmentRetiredEvent(old, T0), 1);

        assertThat(projection.handle(new FindActiveEnvironmentNamedQuery(" PAYMENTS ")).id()).isEqualTo(PAYMENTS);
        assertThat(projection.handle(new FindActiveEnvironmentNamedQuery("ledger"))).isNull();
    }

    @Test
    void ignoresAnOlderBackupEventRedeliveredAfterANewerOne() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-001", T0), 1);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-002", T0.plusSeconds(3600)), 2);
        EnvironmentView before = find(PAYMENTS);

        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-001", T0), 1);

        assertThat(find(PAYMENTS)).isEqualTo(before);
        assertThat(before.lastBackup().backupId()).isEqualTo("snap-002");
    }

    @Test
    void ignoresEveryEventRedeliveredWithItsOwnOrALowerSequenceNumber() {
        DrTestId test = DrTestId.random();
        NetworkConfiguration newNetwork = new NetworkConfiguration("10.64.0.0/16");
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(new DisasterRecoveryEnabledEvent(PAYMENTS, "eu-central-1"), 1);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-001", T0), 2);
        projection.on(new EnvironmentReservedForTestEvent(PAYMENTS, test, T0.plusSeconds(60)), 3);
        projection.on(new EnvironmentRelocatedEvent(PAYMENTS, test, "eu-central-1", "eu-west-1", newNetwork,
                T0.plusSeconds(1800)), 4);
        EnvironmentView before = find(PAYMENTS);

        projection.on(new EnvironmentRelocatedEvent(PAYMENTS, test, "eu-central-1", "eu-west-1",
                new NetworkConfiguration("10.99.0.0/16"), T0.plusSeconds(1800)), 4);
        projection.on(new EnvironmentReservedForTestEvent(PAYMENTS, test, T0.plusSeconds(60)), 3);
        projection.on(new BackupRecordedEvent(PAYMENTS, "snap-001", T0), 2);
        projection.on(new DisasterRecoveryEnabledEvent(PAYMENTS, "eu-central-1"), 1);
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);

        assertThat(find(PAYMENTS)).isEqualTo(before);
    }

    @Test
    void listsEnvironmentsSortedByDisplayName() {
        // neither the order of registration nor that of the ids is the order of the names
        projection.on(registered(EnvironmentId.of("ab-shop"), "Storefront", "us-east-1"), 0);
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(registered(EnvironmentId.of("sso"), "Identity", "eu-west-1"), 0);
        projection.on(registered(EnvironmentId.of("books"), "Ledger", "ap-south-1"), 0);

        assertThat(projection.handle(new FindEnvironmentsQuery()).environments())
                .extracting(EnvironmentView::displayName)
                .containsExactly("Identity", "Ledger", "Payments", "Storefront");
    }

    @Test
    void findsOneEnvironmentByIdAndNothingForAnUnknownId() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);

        assertThat(projection.handle(new FindEnvironmentQuery(PAYMENTS)).id()).isEqualTo(PAYMENTS);
        assertThat(projection.handle(new FindEnvironmentQuery(EnvironmentId.of("unknown")))).isNull();
    }

    @Test
    void resetEmptiesTheCollection() {
        projection.on(registered(PAYMENTS, "Payments", "eu-west-1"), 0);
        projection.on(registered(EnvironmentId.of("web"), "Storefront", "us-east-1"), 0);

        projection.reset();

        assertThat(database.getCollection(EnvironmentProjection.COLLECTION).countDocuments(new Document())).isZero();
        assertThat(projection.handle(new FindEnvironmentsQuery()).environments()).isEmpty();
    }

    private EnvironmentView find(EnvironmentId id) {
        return projection.handle(new FindEnvironmentQuery(id));
    }

    private static EnvironmentRegisteredEvent registered(EnvironmentId id, String displayName, String region) {
        return new EnvironmentRegisteredEvent(id, displayName, Purpose.PRODUCTION, region, CONFIGURATION, TARGETS, T0);
    }
}
