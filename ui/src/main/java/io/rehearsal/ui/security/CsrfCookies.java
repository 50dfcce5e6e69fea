package io.rehearsal.ui.security;

import org.springframework.http.ResponseCookie;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The CSRF token kept in a cookie of its own (HttpOnly: the dashboard reads the token from {@code GET /api/session},
 * never from the cookie), so that handing it to an anonymous browser stores nothing on the server: a flood of
 * anonymous calls cannot fill the session store. The cookie is Secure whenever the request came over HTTPS,
 * a TLS-terminating proxy included (Spring's repository looks only at a TLS connection of its own).
 */
final class CsrfCookies implements ServerCsrfTokenRepository {

    static final String COOKIE = "XSRF-TOKEN";

    private final CookieServerCsrfTokenRepository cookies = new CookieServerCsrfTokenRepository();

    CsrfCookies() {
        cookies.setCookieName(COOKIE);
        cookies.setHeaderName("X-CSRF-TOKEN");
        cookies.setParameterName("_csrf");
        cookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
    }

    @Override
    public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
        return cookies.generateToken(exchange);
    }

    @Override
    public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
        return cookies.saveToken(exchange, token).then(Mono.fromRunnable(() -> {
            if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
                MultiValueMap<String, ResponseCookie> set = exchange.getResponse().getCookies();
                List<ResponseCookie> written = set.get(COOKIE);
                if (written != null) {
                    set.put(COOKIE, written.stream().map(c -> c.mutate().secure(true).build()).toList());
                }
            }
        }));
    }

    @Override
    public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
        return cookies.loadToken(exchange);
    }
}
