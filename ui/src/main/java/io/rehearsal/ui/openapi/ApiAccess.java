package io.rehearsal.ui.openapi;

import io.rehearsal.ui.security.Roles;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Optional;

/**
 * The roles each operation needs, as SecurityConfiguration grants them, for the description only (the filter
 * chain cannot be asked). OpenApiDescriptionTest checks every documented role against real 403s, so the two
 * cannot drift apart unnoticed. First match wins, as in the filter chain.
 */
final class ApiAccess {

    record Rule(HttpMethod method, PathPattern path, List<String> roles) {

        boolean matches(HttpMethod requested, String openApiPath) {
            // {envId} and the like become one literal segment, which the pattern's * and ** match
            String concrete = openApiPath.replaceAll("\\{[^/}]+}", "x");
            return (method == null || method.equals(requested))
                    && path.matches(org.springframework.http.server.PathContainer.parsePath(concrete));
        }
    }

    private static final List<Rule> RULES = List.of(
            rule(HttpMethod.POST, "/api/environments/*/dr-tests", Roles.OPERATOR),
            rule(HttpMethod.POST, "/api/environments/*/backups", Roles.ADMIN, Roles.BACKUP_AGENT),
            rule(HttpMethod.POST, "/api/environments", Roles.ADMIN),
            rule(HttpMethod.POST, "/api/environments/*/retire", Roles.ADMIN),
            rule(HttpMethod.PUT, "/api/environments/*/configuration", Roles.ADMIN),
            rule(HttpMethod.PUT, "/api/environments/*/targets", Roles.ADMIN),
            rule(HttpMethod.PUT, "/api/environments/*/dr", Roles.ADMIN),
            rule(HttpMethod.POST, "/api/dr-tests/*/resume", Roles.ADMIN),
            rule(HttpMethod.PUT, "/api/dr-tests/*/report", Roles.OPERATOR),
            rule(HttpMethod.POST, "/api/dr-tests/*/next-steps/*", Roles.OPERATOR),
            rule(null, "/api/admin/**", Roles.ADMIN),
            rule(null, "/api/audit", Roles.AUDITOR, Roles.ADMIN),
            rule(null, "/api/audit/**", Roles.AUDITOR, Roles.ADMIN));

    private ApiAccess() {
    }

    /** The roles that may call the operation, any of them; empty for every signed-in user. */
    static List<String> rolesFor(HttpMethod method, String path) {
        return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst().map(Rule::roles)
                .orElse(List.of());
    }

    static Optional<String> sentence(List<String> roles) {
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        if (roles.equals(List.of(Roles.OPERATOR))) {
            return Optional.of("Needs the role OPERATOR (an ADMIN holds it too).");
        }
        if (roles.size() == 1) {
            return Optional.of("Needs the role " + roles.get(0) + ".");
        }
        return Optional.of("Needs one of the roles " + String.join(", ", roles) + ".");
    }

    private static Rule rule(HttpMethod method, String pattern, String... roles) {
        return new Rule(method, PathPatternParser.defaultInstance.parse(pattern), List.of(roles));
    }
}
