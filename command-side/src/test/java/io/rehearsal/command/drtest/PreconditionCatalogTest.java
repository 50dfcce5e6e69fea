package io.rehearsal.command.drtest;

import io.rehearsal.api.Rejection;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionCatalogTest {

    private static final Set<String> ALL_DEFAULTS =
            Set.of("unavailable", "data-loss", "users-informed", "no-changes", "next-steps");

    @Test
    void defaultsAreTheFivePreconditionsOfTheProductInOrder() {
        assertThat(PreconditionCatalog.defaults().all()).extracting(Precondition::id)
                .containsExactly("unavailable", "data-loss", "users-informed", "no-changes", "next-steps");
    }

    @Test
    void defaultDataLossTextShowsTheLastBackupAndTheWindow() {
        assertThat(PreconditionCatalog.defaults().all()).filteredOn(p -> p.id().equals("data-loss"))
                .singleElement().extracting(Precondition::text).asString()
                .contains("{lastBackup}", "{dataLossWindow}");
    }

    @Test
    void emptyOrMissingConfigurationMeansTheDefaults() {
        assertThat(new PreconditionCatalog(List.of()).all()).isEqualTo(PreconditionCatalog.DEFAULTS);
        assertThat(new PreconditionCatalog(null).all()).isEqualTo(PreconditionCatalog.DEFAULTS);
    }

    @Test
    void rejectsDuplicateIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PreconditionCatalog(List.of(
                        new Precondition("backup-checked", "The backup was checked."),
                        new Precondition("backup-checked", "The backup was checked again."))))
                .withMessageContaining("unique").withMessageContaining("backup-checked");
    }

    @Test
    void rejectsBlankIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PreconditionCatalog(List.of(
                new Precondition(" ", "Nameless."))));
    }

    @Test
    void acceptsExactlyEveryPrecondition() {
        assertThatCode(() -> PreconditionCatalog.defaults().requireAllAcknowledged(ALL_DEFAULTS))
                .doesNotThrowAnyException();
    }

    @Test
    void namesEveryMissingPreconditionInCatalogOrder() {
        assertThatThrownBy(() -> PreconditionCatalog.defaults().requireAllAcknowledged(Set.of("data-loss", "no-changes")))
                .isInstanceOfSatisfying(FailoverRejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo(Rejection.Reason.INVALID))
                .hasMessageContaining("missing: unavailable, users-informed, next-steps.");
    }

    @Test
    void namesEveryUnknownPreconditionAndListsTheKnownOnes() {
        Set<String> acknowledged = new HashSet<>(ALL_DEFAULTS);
        acknowledged.addAll(Set.of("coffee-break", "backup-checked"));

        assertThatThrownBy(() -> PreconditionCatalog.defaults().requireAllAcknowledged(acknowledged))
                .isInstanceOfSatisfying(FailoverRejectedException.class,
                        e -> assertThat(e.rejection().reason()).isEqualTo(Rejection.Reason.INVALID))
                .hasMessageContaining("Unknown precondition(s) acknowledged: backup-checked, coffee-break.")
                .hasMessageContaining("The preconditions are: unavailable, data-loss, users-informed, no-changes, next-steps.");
    }

    @Test
    void configuredCatalogRequiresItsOwnIds() {
        PreconditionCatalog catalog = new PreconditionCatalog(List.of(
                new Precondition("backup-checked", "The backup was checked."),
                new Precondition("unavailable", "The environment will be unavailable.")));

        assertThatCode(() -> catalog.requireAllAcknowledged(Set.of("backup-checked", "unavailable")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> catalog.requireAllAcknowledged(ALL_DEFAULTS))
                .hasMessageContaining("Unknown precondition(s) acknowledged: data-loss, next-steps, no-changes, users-informed.");
    }
}
