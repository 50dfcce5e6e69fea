package io.rehearsal.ui.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import org.springframework.web.server.WebSession;

/**
 * How {@code POST /login} answers: the dashboard asks for JSON and gets the session (or a 401 problem) instead of
 * a redirect it would have to follow; a plain HTML form is redirected as before.
 */
final class SignIn {

    private SignIn() {
    }

    static ServerAuthenticationSuccessHandler succeeded(ObjectMapper json, ServerCsrfTokenRepository csrfTokens) {
        ServerAuthenticationSuccessHandler redirect = new RedirectServerAuthenticationSuccessHandler("/");
        ServerCsrfTokenRequestHandler tokenAttribute = new XorServerCsrfTokenRequestAttributeHandler();
        // the session id has changed by now (the context is saved first); the CSRF token changes too, so that a
        // token known before sign-in (one planted in the browser, say) is worth nothing after it
        return (webExchange, authentication) -> {
            ServerWebExchange exchange = webExchange.getExchange();
            Mono<Void> newToken = csrfTokens.generateToken(exchange)
                    .delayUntil(token -> csrfTokens.saveToken(exchange, token))
                    .doOnNext(token -> tokenAttribute.handle(exchange, Mono.just(token)))
                    .then();
            return newToken.then(Mono.defer(() -> wantsJson(exchange)
                    ? SessionController.view(authentication, exchange)
                            .flatMap(view -> ProblemResponses.writeJson(exchange, json, HttpStatus.OK,
                                    MediaType.APPLICATION_JSON, view))
                    : redirect.onAuthenticationSuccess(webExchange, authentication)));
        };
    }

    static ServerAuthenticationFailureHandler failed(ObjectMapper json) {
        ServerAuthenticationFailureHandler redirect = new RedirectServerAuthenticationFailureHandler("/login?error");
        return (webExchange, e) -> e instanceof SignInThrottledException throttled
                ? ProblemResponses.throttled(webExchange.getExchange(), json, throttled)
                : wantsJson(webExchange.getExchange())
                ? ProblemResponses.write(webExchange.getExchange(), json, HttpStatus.UNAUTHORIZED,
                        "The user name or password is not right.")
                : redirect.onAuthenticationFailure(webExchange, e);
    }

    /** Signing out ends the session itself, and with it the CSRF token it held. */
    static ServerLogoutHandler signOut() {
        return new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(),
                (webExchange, authentication) -> webExchange.getExchange().getSession().flatMap(WebSession::invalidate));
    }

    /** Asked for JSON by name: a browser's form post accepts HTML and anything else, never JSON as such. */
    static boolean wantsJson(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype()
                        && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
    }
}
