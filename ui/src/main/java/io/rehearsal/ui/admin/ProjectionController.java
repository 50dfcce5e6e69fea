package io.rehearsal.ui.admin;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** ADMIN: rebuild every projection from the event store; answers once the views have caught up. */
@RestController
class ProjectionController {

    private final ProjectionRebuild rebuild;

    ProjectionController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/admin/projections/rebuild")
    Mono<ProjectionRebuild.Result> rebuild() {
        return Mono.fromCallable(rebuild::rebuild).subscribeOn(Schedulers.boundedElastic());
    }
}
