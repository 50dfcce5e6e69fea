package io.rehearsal.ui.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** Who is signed in, and the CSRF token a browser session must send with every change. */
@RestController
class SessionController {

    record SessionView(String username, List<String> roles, String csrfHeaderName, String csrfToken) {
    }

    @GetMapping("/api/session")
    Mono<SessionView> session(Authentication authentication, ServerWebExchange exchange) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return token.map(t -> new SessionView(authentication.getName(), roles, t.getHeaderName(), t.getToken()))
                .defaultIfEmpty(new SessionView(authentication.getName(), roles, null, null));
    }
}
