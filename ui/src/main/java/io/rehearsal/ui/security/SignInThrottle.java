package io.rehearsal.ui.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins, counted in token buckets per client address and per user name. An attempt takes a token from
 * both before its password is checked (so concurrent guesses cannot overrun the budget) and gives them back when it
 * succeeds: only failures use the budget up. With either bucket empty the attempt is refused unchecked.
 * <p>
 * The address bucket stops one client guessing, whatever names it tries; the user bucket, bigger than twice the
 * address one, stops many clients guessing one name, and one address alone can never empty it, so an attacker at
 * one address cannot lock the real user out elsewhere.
 */
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final long MAX_KEYS = 100_000;

    /** Why an attempt was refused, and when to try again. */
    record Refusal(String limit, Duration retryAfter) {
    }

    private final SecurityProperties.SignInThrottle settings;
    private final Cache<String, Bucket> addresses;
    private final Cache<String, Bucket> users;
    /** Until when each key is known to be throttled: a throttling is logged and counted once, not per attempt. */
    private final Map<String, Long> throttledUntil = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final Counter failures;

    SignInThrottle(SecurityProperties.SignInThrottle settings, MeterRegistry metrics) {
        this.settings = settings;
        this.metrics = metrics;
        // a bucket left alone for a window is full again: forgetting it changes nothing
        this.addresses = Caffeine.newBuilder().expireAfterAccess(settings.window()).maximumSize(MAX_KEYS).build();
        this.users = Caffeine.newBuilder().expireAfterAccess(settings.window()).maximumSize(MAX_KEYS).build();
        this.failures = Counter.builder("rehearsal.sign-in.failures").description("failed sign-ins")
                .register(metrics);
    }

    /** Takes a token for the attempt; null if it may go on, else why not. */
    Refusal reserve(String user, String address) {
        String userKey = user.toLowerCase(Locale.ROOT);
        Bucket byAddress = addresses.get(address, key -> bucket(settings.failuresPerAddress()));
        ConsumptionProbe fromAddress = byAddress.tryConsumeAndReturnRemaining(1);
        if (!fromAddress.isConsumed()) {
            return refuse("address", "address:" + address, "client address " + printable(address),
                    fromAddress.getNanosToWaitForRefill());
        }
        ConsumptionProbe forUser = users.get(userKey, key -> bucket(settings.failuresPerUser()))
                .tryConsumeAndReturnRemaining(1);
        if (!forUser.isConsumed()) {
            byAddress.addTokens(1);
            return refuse("user", "user:" + userKey, "user name '" + printable(user) + "'",
                    forUser.getNanosToWaitForRefill());
        }
        return null;
    }

    /** The attempt signed in: its tokens go back. */
    void succeeded(String user, String address) {
        giveBack(addresses.getIfPresent(address));
        giveBack(users.getIfPresent(user.toLowerCase(Locale.ROOT)));
    }

    /** The attempt failed: its tokens stay used. */
    void failed() {
        failures.increment();
    }

    private Refusal refuse(String limit, String key, String what, long nanosToWait) {
        Duration wait = Duration.ofNanos(Math.max(nanosToWait, 0));
        long now = System.nanoTime();
        Long until = throttledUntil.get(key);
        if (until == null || until - now <= 0) {
            throttledUntil.put(key, now + wait.toNanos());
            throttledUntil.values().removeIf(t -> t - now <= 0); // ended throttlings are forgotten
            log.warn("Sign-in throttled: too many failed sign-ins for {}; refused for the next {} s", what,
                    retryAfterSeconds(wait));
            Counter.builder("rehearsal.sign-in.throttled").description("throttlings of failed sign-ins, by limit")
                    .tag("limit", limit).register(metrics).increment();
        }
        Counter.builder("rehearsal.sign-in.refused").description("sign-ins refused while throttled, by limit")
                .tag("limit", limit).register(metrics).increment();
        return new Refusal(limit, wait);
    }

    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private Bucket bucket(int failures) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(failures)
                .refillIntervally(failures, settings.window()).build()).build();
    }

    private static void giveBack(Bucket bucket) {
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** A user name as typed may hold line breaks: the log gets it on one line. */
    private static String printable(String user) {
        String shown = user.length() > 64 ? user.substring(0, 64) + "..." : user;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
