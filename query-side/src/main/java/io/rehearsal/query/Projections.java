package io.rehearsal.query;

import java.util.List;

/** The processing groups of the query side: each owns a view, keeps its tokens beside it, and can be rebuilt. */
public final class Projections {

    public static final List<String> PROCESSING_GROUPS =
            List.of("environments", "dr-test-progress", "dr-test-history", "reports");

    private Projections() {
    }
}
