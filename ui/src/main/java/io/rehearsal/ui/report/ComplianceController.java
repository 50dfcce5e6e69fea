package io.rehearsal.ui.report;

import io.rehearsal.api.ComplianceReport;
import io.rehearsal.api.FindComplianceQuery;
import io.rehearsal.api.FindTrendQuery;
import io.rehearsal.api.Trend;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Params;
import io.rehearsal.ui.web.Problems;
import io.rehearsal.ui.web.Queries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Reporting queries for compliance teams. */
@RestController
class ComplianceController {

    private final Queries queries;
    private final Clock clock;

    ComplianceController(Queries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** Every environment's testing state, and the tests started in [from, to) (by default the last 365 days). */
    @GetMapping("/api/reports/compliance")
    Mono<ComplianceReport> compliance(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) {
        Instant now = clock.instant();
        Instant end = to == null || to.isBlank() ? now : Params.instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(365)) : Params.instant("from", from);
        Params.period(start, end);
        return queries.ask(new FindComplianceQuery(start, end, now), ComplianceReport.class);
    }

    @GetMapping("/api/environments/{envId}/trend")
    Mono<Trend> trend(@PathVariable String envId) {
        var id = Ids.environment(envId);
        return queries.ask(new FindTrendQuery(id), Trend.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("No environment with id '" + id + "'.")));
    }
}
