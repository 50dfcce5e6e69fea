package io.rehearsal.command.token;

import io.rehearsal.api.ApiTokenCreatedEvent;
import io.rehearsal.api.ApiTokenId;
import io.rehearsal.api.ApiTokenRevokedEvent;
import io.rehearsal.api.CreateApiTokenCommand;
import io.rehearsal.api.RevokeApiTokenCommand;
import io.rehearsal.api.Rejection;
import io.rehearsal.command.drtest.FailoverRejectedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

class ApiTokenTest {

    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private static final ApiTokenId ID = ApiTokenId.of("nightly-backup");
    private static final String HASH = "a".repeat(64);
    private static final Instant EXPIRY = NOW.plus(Duration.ofDays(90));

    private FixtureConfiguration<ApiToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiToken.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ApiTokenCreatedEvent created() {
        return new ApiTokenCreatedEvent(ID, "BACKUP_AGENT", HASH, EXPIRY, NOW.minusSeconds(60));
    }

    private void refused(CreateApiTokenCommand command, Rejection.Reason reason, String field, String text) {
        setUp(); // a fixture works on one aggregate identifier
        fixture.givenNoPriorActivity().when(command)
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(allOf(startsWith(field + ": "), containsString(text)))
                .expectNoEvents()
                .expectException(new org.hamcrest.CustomTypeSafeMatcher<FailoverRejectedException>("a " + reason) {
                    @Override
                    protected boolean matchesSafely(FailoverRejectedException e) {
                        return e.rejection().reason() == reason;
                    }
                });
    }

    @Test
    void createsATokenWithItsRoleHashAndExpiry() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiTokenCommand(ID, "BACKUP_AGENT", HASH, EXPIRY))
                .expectEvents(new ApiTokenCreatedEvent(ID, "BACKUP_AGENT", HASH, EXPIRY, NOW));
    }

    @Test
    void aTokenMayNeverExpire() {
        fixture.givenNoPriorActivity()
                .when(new CreateApiTokenCommand(ID, "AUDITOR", HASH, null))
                .expectEvents(new ApiTokenCreatedEvent(ID, "AUDITOR", HASH, null, NOW));
    }

    @Test
    void rejectsANameThatIsTaken() {
        fixture.given(created()).when(new CreateApiTokenCommand(ID, "AUDITOR", HASH, null))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage(containsString("a token named 'nightly-backup' exists already"))
                .expectNoEvents();
    }

    @Test
    void rejectsTheNameOfARevokedTokenToo() {
        fixture.given(created(), new ApiTokenRevokedEvent(ID, NOW.minusSeconds(1)))
                .when(new CreateApiTokenCommand(ID, "AUDITOR", HASH, null))
                .expectExceptionMessage(containsString("(revoked)"))
                .expectNoEvents();
    }

    @Test
    void rejectsANameThatIsNoSlug() {
        for (String name : new String[]{"Nightly", "ab", "-backup", "backup-", "with space", "a_b", "x".repeat(64)}) {
            refused(new CreateApiTokenCommand(ApiTokenId.of(name), "AUDITOR", HASH, null), Rejection.Reason.INVALID,
                    "name", "is no valid token name");
        }
        refused(new CreateApiTokenCommand(ApiTokenId.of(""), "AUDITOR", HASH, null), Rejection.Reason.INVALID,
                "name", "needs a name");
    }

    @Test
    void rejectsAnUnknownOrMissingRole() {
        refused(new CreateApiTokenCommand(ID, "ROOT", HASH, null), Rejection.Reason.INVALID, "role", "'ROOT' is no role");
        refused(new CreateApiTokenCommand(ID, "operator", HASH, null), Rejection.Reason.INVALID, "role", "is no role");
        refused(new CreateApiTokenCommand(ID, null, HASH, null), Rejection.Reason.INVALID, "role", "needs a role");
    }

    @Test
    void rejectsAnExpiryThatIsNotInTheFuture() {
        refused(new CreateApiTokenCommand(ID, "AUDITOR", HASH, NOW), Rejection.Reason.INVALID, "expiresAt",
                "is not in the future");
        refused(new CreateApiTokenCommand(ID, "AUDITOR", HASH, NOW.minusSeconds(1)), Rejection.Reason.INVALID,
                "expiresAt", "is not in the future");
    }

    @Test
    void rejectsAHashThatIsNoSha256() {
        refused(new CreateApiTokenCommand(ID, "AUDITOR", "secret", null), Rejection.Reason.INVALID, "secretHash",
                "64 hex digits");
    }

    @Test
    void revokesAToken() {
        fixture.given(created()).when(new RevokeApiTokenCommand(ID))
                .expectEvents(new ApiTokenRevokedEvent(ID, NOW));
    }

    @Test
    void revokingARevokedTokenRecordsNothing() {
        fixture.given(created(), new ApiTokenRevokedEvent(ID, NOW.minusSeconds(5)))
                .when(new RevokeApiTokenCommand(ID))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void revokingAnUnknownTokenIsNotFound() {
        fixture.givenNoPriorActivity().when(new RevokeApiTokenCommand(ID))
                .expectException(FailoverRejectedException.class)
                .expectExceptionMessage("No API token named 'nightly-backup'.")
                .expectNoEvents();
    }
}
