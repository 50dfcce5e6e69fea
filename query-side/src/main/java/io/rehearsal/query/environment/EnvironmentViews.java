package io.rehearsal.query.environment;

/** What other read models may rely on in the environment view. */
public final class EnvironmentViews {

    public static final String COLLECTION = "environments";
    /** The environment's latest test (null before its first): compliance reads it instead of searching history. */
    public static final String LAST_TEST_ID = "lastTestId";

    private EnvironmentViews() {
    }
}
