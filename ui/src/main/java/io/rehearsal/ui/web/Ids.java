package io.rehearsal.ui.web;

import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;

/** Path ids: one that cannot be well-formed cannot exist either, so it is a 404, not a 400. */
public final class Ids {

    private Ids() {
    }

    public static EnvironmentId environment(String raw) {
        try {
            return EnvironmentId.of(raw);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("No environment with id '" + raw + "'.");
        }
    }

    public static DrTestId test(String raw) {
        try {
            return DrTestId.of(raw);
        } catch (IllegalArgumentException e) {
            throw Problems.notFound("No DR test with id '" + raw + "'.");
        }
    }
}
