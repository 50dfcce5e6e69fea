package io.rehearsal.ui.security;

import io.rehearsal.api.Actor;
import io.rehearsal.api.ApiTokenId;
import io.rehearsal.api.CreateApiTokenCommand;
import io.rehearsal.api.RevokeApiTokenCommand;
import io.rehearsal.ui.web.Commands;
import io.rehearsal.ui.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * API tokens for machines, managed by an ADMIN: created (the secret shown in that answer only), listed without
 * secrets, revoked. A change answers once the list shows it.
 */
@RestController
class ApiTokenController {

    /** {@code expiresAt} is read here rather than by Jackson, so that a malformed one is a 422 naming the field. */
    record ApiTokenRequest(String name, String role, String expiresAt) {
    }

    /** A new token: {@code token} is its secret, shown this once and stored nowhere. */
    record NewApiToken(String name, String role, Instant createdAt, String createdBy, Instant expiresAt, String token) {
    }

    /** A token as listed: never its secret. {@code lastUsedAt} is this instance's, since its start. */
    record ApiTokenView(String name, String role, Instant createdAt, String createdBy, Instant expiresAt,
                     Instant revokedAt, String revokedBy, Instant lastUsedAt) {
    }

    private final Commands commands;
    private final ApiTokens tokens;
    private final ApiTokenIndex index;

    ApiTokenController(Commands commands, ApiTokens tokens, ApiTokenIndex index) {
        this.commands = commands;
        this.tokens = tokens;
        this.index = index;
    }

    @Operation(operationId = "createApiToken")
    @ApiResponse(responseCode = "201", description = "The token, with its secret: shown once, stored only as a hash.")
    @ApiResponse(responseCode = "409", description = "A token of that name exists or existed.")
    @ApiResponse(responseCode = "422", description = "The name, role or expiresAt is not valid; the detail names it.")
    @PostMapping("/api/admin/tokens")
    Mono<ResponseEntity<NewApiToken>> create(@RequestBody ApiTokenRequest body, Principal principal) {
        String name = body.name() == null ? "" : body.name();
        Instant expiresAt = expiry(body.expiresAt());
        ApiTokens.Issued issued = ApiTokens.issue(name);
        return commands.send(new CreateApiTokenCommand(ApiTokenId.of(name), body.role(), issued.secretHash(),
                        expiresAt), Actor.of(principal.getName()))
                .then(index.untilCurrent(name))
                .then(tokens.find(name))
                .map(token -> ResponseEntity.created(URI.create("/api/admin/tokens/" + name))
                        .body(new NewApiToken(token.name(), token.role(), token.createdAt(), token.createdBy(),
                                token.expiresAt(), issued.token())));
    }

    @Operation(operationId = "listApiTokens")
    @GetMapping("/api/admin/tokens")
    Mono<List<ApiTokenView>> list() {
        return Mono.fromSupplier(() -> index.all().stream().map(this::view).toList());
    }

    @Operation(operationId = "getApiToken")
    @ApiResponse(responseCode = "200", description = "The token, without its secret.")
    @ApiResponse(responseCode = "404", description = "No token has that name.")
    @GetMapping("/api/admin/tokens/{name}")
    Mono<ApiTokenView> one(@PathVariable String name) {
        return tokens.find(name).map(this::view)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("No API token named '" + name + "'.")));
    }

    @Operation(operationId = "revokeApiToken")
    @ApiResponse(responseCode = "204", description = "Revoked (or revoked already): it is refused from now on.")
    @ApiResponse(responseCode = "404", description = "No token has that name.")
    @DeleteMapping("/api/admin/tokens/{name}")
    Mono<ResponseEntity<Void>> revoke(@PathVariable String name, Principal principal) {
        return commands.send(new RevokeApiTokenCommand(ApiTokenId.of(name)), Actor.of(principal.getName()))
                .then(index.untilCurrent(name))
                .then(Mono.just(ResponseEntity.status(HttpStatus.NO_CONTENT).<Void>build()));
    }

    private ApiTokenView view(ApiTokens.Token token) {
        return new ApiTokenView(token.name(), token.role(), token.createdAt(), token.createdBy(), token.expiresAt(),
                token.revokedAt(), token.revokedBy(), tokens.lastUsed(token.name()));
    }

    private static Instant expiry(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Problems.unprocessable("expiresAt: '" + text + "' is not an ISO-8601 instant such as "
                    + "2027-01-31T00:00:00Z; leave it out for a token that does not expire.");
        }
    }
}
