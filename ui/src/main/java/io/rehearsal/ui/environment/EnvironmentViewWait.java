package io.rehearsal.ui.environment;

import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FindEnvironmentQuery;
import io.rehearsal.ui.web.Problems;
import io.rehearsal.ui.web.Queries;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * Read your writes for the environments: a change answers once the environments view shows the environment's last
 * recorded event, so the dashboard that reloads right after never shows the old state. Bounded: past the wait the
 * change, recorded already, is answered with the view as it is.
 */
@Component
public class EnvironmentViewWait {

    private static final int POLLS = 250;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final EventStore eventStore;
    private final Queries queries;

    EnvironmentViewWait(EventStore eventStore, Queries queries) {
        this.eventStore = eventStore;
        this.queries = queries;
    }

    public Mono<EnvironmentView> untilShown(EnvironmentId id) {
        return Mono.fromCallable(() -> eventStore.lastSequenceNumberFor(id.value()).orElse(-1L))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(last -> view(id)
                        .filter(view -> view.version() >= last)
                        .repeatWhenEmpty(polls -> polls.take(POLLS).delayElements(POLL_INTERVAL))
                        .switchIfEmpty(view(id)))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("No environment with id '" + id + "'.")));
    }

    private Mono<EnvironmentView> view(EnvironmentId id) {
        return queries.ask(new FindEnvironmentQuery(id), EnvironmentView.class);
    }
}
