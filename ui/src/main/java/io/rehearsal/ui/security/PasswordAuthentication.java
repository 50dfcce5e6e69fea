package io.rehearsal.ui.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * User name and password, for HTTP Basic and the sign-in form alike: throttled per address and per user, and an
 * unknown user's password is checked against a dummy hash of the same cost as a real one, so that the answer's
 * time does not tell which user names exist.
 */
final class PasswordAuthentication implements ReactiveAuthenticationManager {

    private final ReactiveUserDetailsService users;
    private final PasswordEncoder encoder;
    private final String dummyHash;
    private final SignInThrottle throttle;

    PasswordAuthentication(ReactiveUserDetailsService users, PasswordEncoder encoder, String dummyHash,
                           SignInThrottle throttle) {
        this.users = users;
        this.encoder = encoder;
        this.dummyHash = dummyHash;
        this.throttle = throttle;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        String user = attempt.getName() == null ? "" : attempt.getName();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        // Spring Security puts the exchange into the Reactor context of every request it filters
        return Mono.deferContextual(context -> Mono.just(context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                        .map(PasswordAuthentication::address).orElse("unknown")))
                .flatMap(address -> {
                    SignInThrottle.Refusal refusal = throttle.reserve(user, address);
                    if (refusal != null) {
                        return Mono.error(new SignInThrottledException(refusal.retryAfter()));
                    }
                    return users.findByUsername(user).map(Optional::of).defaultIfEmpty(Optional.empty())
                            .publishOn(Schedulers.boundedElastic()) // a password hash costs milliseconds of CPU
                            .flatMap(found -> check(found, password))
                            .doOnNext(ok -> throttle.succeeded(user, address))
                            .doOnError(BadCredentialsException.class, e -> throttle.failed());
                });
    }

    private Mono<Authentication> check(Optional<UserDetails> found, String password) {
        boolean matches = encoder.matches(password, found.map(UserDetails::getPassword).orElse(dummyHash));
        if (found.isEmpty() || !matches) {
            return Mono.error(new BadCredentialsException("Invalid Credentials"));
        }
        UserDetails user = found.get();
        return Mono.just(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
