package io.rehearsal.ui.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Optional;

/**
 * Who is signed in, and the CSRF token a browser session must send with every change. Anonymous browsers get an
 * answer too: the sign-in form needs the token before anyone is signed in.
 */
@RestController
class SessionController {

    @JsonInclude(JsonInclude.Include.ALWAYS) // "username": null says "nobody" more plainly than a missing key
    record SessionView(boolean authenticated, String username, List<String> roles, String csrfHeaderName,
                       String csrfToken) {
    }

    @GetMapping("/api/session")
    Mono<SessionView> session(ServerWebExchange exchange) {
        return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(principal -> view(principal.filter(Authentication.class::isInstance)
                        .map(Authentication.class::cast).orElse(null), exchange));
    }

    static Mono<SessionView> view(Authentication authentication, ServerWebExchange exchange) {
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        String username = signedIn ? authentication.getName() : null;
        List<String> roles = !signedIn ? List.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return token.map(t -> new SessionView(signedIn, username, roles, t.getHeaderName(), t.getToken()))
                .defaultIfEmpty(new SessionView(signedIn, username, roles, null, null));
    }
}
