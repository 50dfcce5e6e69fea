package io.rehearsal.benchmark;

/**
 * The same events, processed two ways in one run: by the application, and by the baseline that does only the
 * storage work (a plain append loop, or bulk upserts of the resulting documents).
 */
record EventRates(long events, double seconds, double baselineSeconds) {

    double eventsPerSecond() {
        return events / seconds;
    }

    double baselineEventsPerSecond() {
        return events / baselineSeconds;
    }

    /** The application's rate against the baseline's. */
    double ratio() {
        return eventsPerSecond() / baselineEventsPerSecond();
    }
}
