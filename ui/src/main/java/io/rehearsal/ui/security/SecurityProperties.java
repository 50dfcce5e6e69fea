package io.rehearsal.ui.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The {@code rehearsal.security.*} keys.
 *
 * @param trustedProxies   the peers (addresses or CIDR blocks) whose {@code Forwarded} and {@code X-Forwarded-*}
 *                         headers are believed; from any other peer those headers are dropped unread
 * @param signInThrottle   how many failed sign-ins are allowed before further attempts are answered 429
 */
@ConfigurationProperties("rehearsal.security")
record SecurityProperties(@DefaultValue({"127.0.0.0/8", "::1"}) List<String> trustedProxies,
                          @DefaultValue SignInThrottle signInThrottle) {

    /**
     * Failed sign-ins allowed per client address (over all user names) and per user name (over all addresses)
     * in each window; the budget comes back whole once a window has passed.
     */
    record SignInThrottle(@DefaultValue("10") int failuresPerAddress, @DefaultValue("25") int failuresPerUser,
                          @DefaultValue("1m") Duration window) {

        SignInThrottle {
            if (failuresPerAddress < 1 || failuresPerUser < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("rehearsal.security.sign-in-throttle needs failures-per-address "
                        + "and failures-per-user of 1 or more and a positive window");
            }
            // one address gets at most twice its budget into any window of a user's (its own window may refill
            // once in between): below that, one address alone could keep the real user locked out
            if (failuresPerUser <= 2 * failuresPerAddress) {
                throw new IllegalArgumentException("rehearsal.security.sign-in-throttle.failures-per-user ("
                        + failuresPerUser + ") must be more than twice failures-per-address (" + failuresPerAddress
                        + "), so that one address cannot lock a user out");
            }
        }
    }
}
