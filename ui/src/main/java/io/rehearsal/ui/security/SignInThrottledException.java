package io.rehearsal.ui.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A sign-in refused unchecked because too many have failed lately; answered 429 with Retry-After. */
final class SignInThrottledException extends AuthenticationException {

    private final transient Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    long retryAfterSeconds() {
        return SignInThrottle.retryAfterSeconds(retryAfter);
    }
}
