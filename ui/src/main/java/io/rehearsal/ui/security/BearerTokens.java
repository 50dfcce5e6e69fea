package io.rehearsal.ui.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * {@code Authorization: Bearer <token>} for machines. A token authenticates as {@code token:<name>}, the actor of
 * every event it causes, with its one role. Nothing is kept in a session: each request shows its token.
 */
final class BearerTokens {

    static final String ACTOR_PREFIX = "token:";

    private BearerTokens() {
    }

    /** A token as presented, not yet checked. */
    static final class Presented extends AbstractAuthenticationToken {

        private final String value;

        Presented(String value) {
            super(List.of());
            this.value = value;
        }

        @Override
        public Object getCredentials() {
            return value;
        }

        @Override
        public Object getPrincipal() {
            return null;
        }
    }

    /** A token checked and valid: its name, as the actor, and its role. */
    static final class Authenticated extends AbstractAuthenticationToken {

        private final String name;

        Authenticated(String tokenName, Collection<? extends GrantedAuthority> authorities) {
            super(authorities);
            this.name = ACTOR_PREFIX + tokenName;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    static AuthenticationWebFilter filter(ApiTokens tokens, Clock clock, SignInThrottle throttle,
                                          ServerAuthenticationEntryPoint refused) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager(tokens, clock, throttle));
        filter.setServerAuthenticationConverter(exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            return Mono.just(new Presented(header.substring(7).strip()));
        });
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(refused));
        return filter;
    }

    /** Wrong tokens count against the sign-in throttle like wrong passwords: per address, and per claimed name. */
    private static ReactiveAuthenticationManager manager(ApiTokens tokens, Clock clock, SignInThrottle throttle) {
        return presented -> Mono.deferContextual(context -> {
            String address = context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                    .map(PasswordAuthentication::address).orElse("unknown");
            String[] parts = ApiTokens.parse((String) presented.getCredentials());
            String claimed = ACTOR_PREFIX + (parts == null ? "" : parts[0]);
            SignInThrottle.Refusal refusal = throttle.reserve(claimed, address);
            if (refusal != null) {
                return Mono.error(new SignInThrottledException(refusal.retryAfter()));
            }
            Mono<ApiTokens.Token> found = parts == null ? Mono.empty() : tokens.find(parts[0])
                    .filter(token -> ApiTokens.secretMatches(parts[1], token.secretHash()))
                    .filter(token -> token.validAt(clock.instant()));
            return found
                    .switchIfEmpty(Mono.error(() -> {
                        throttle.failed();
                        return new BadCredentialsException("unknown, revoked or expired token");
                    }))
                    .map(token -> {
                        throttle.succeeded(claimed, address);
                        tokens.used(token.name(), clock.instant());
                        return (Authentication) new Authenticated(token.name(), Roles.granted(token.role()).stream()
                                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
                    });
        });
    }
}
