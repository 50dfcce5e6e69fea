package io.rehearsal.command;

/**
 * The names of the caches the aggregates are kept in between commands, so that a command does not replay its
 * aggregate's stream first. The runtime mode supplies them: a cache is only correct where this process is the sole
 * writer of the store (the embedded default on a data directory of its own); where another process may append to
 * the same aggregate (a shared data directory, Axon Server with several instances), a cached aggregate could decide
 * on a stale state, so those modes supply a cache that keeps nothing.
 */
public final class AggregateCaches {

    public static final String DR_TESTS = "drTestCache";
    public static final String ENVIRONMENTS = "environmentCache";

    private AggregateCaches() {
    }
}
