package io.rehearsal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

public record Trend(EnvironmentId environmentId, Targets targets, List<Point> points) {

    public record Point(DrTestId testId, Instant startedAt, TestStatus status, Duration automatedRto,
                        Duration fullRto, Duration rpo) {
    }
}
