package io.rehearsal.ui.admin;

import io.rehearsal.query.Projections;
import io.rehearsal.ui.web.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** ADMIN: the events a projection set aside because its handler failed on them, and their retry. */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Mono<DeadLetters.DeadLetterList> deadLetters() {
        return Mono.fromCallable(deadLetters::list).subscribeOn(Schedulers.boundedElastic());
    }

    @ApiResponse(responseCode = "200", description = "The group's dead sequences were handed to its handlers again.")
    @ApiResponse(responseCode = "404", description = "No projection has that processing group.")
    @PostMapping("/{processingGroup}/retry")
    Mono<DeadLetters.DeadLetterRetry> retryDeadLetters(@PathVariable String processingGroup) {
        return Mono.fromCallable(() -> {
            DeadLetters.DeadLetterRetry retried = deadLetters.retry(processingGroup);
            if (retried == null) {
                throw Problems.notFound("No projection has the processing group '" + processingGroup
                        + "'; they are " + String.join(", ", Projections.PROCESSING_GROUPS) + ".");
            }
            return retried;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
