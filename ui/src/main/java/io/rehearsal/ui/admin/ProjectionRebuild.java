package io.rehearsal.ui.admin;

import io.rehearsal.query.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds every view from the event store: each projection's processor stops, its tokens go back to the start
 * (its reset handler empties its collection), and it replays. Side effects live in other processors, which are
 * not touched, so a rebuild runs no failover step and sends nothing.
 */
@Component
class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final Duration MAX_REPLAY = Duration.ofMinutes(30);

    record Result(List<String> processors, long millis) {
    }

    private final EventProcessingConfiguration processing;
    private final DeadLetters deadLetters;

    ProjectionRebuild(EventProcessingConfiguration processing, DeadLetters deadLetters) {
        this.processing = processing;
        this.deadLetters = deadLetters;
    }

    synchronized Result rebuild() throws Exception {
        long started = System.nanoTime();
        List<StreamingEventProcessor> processors = Projections.PROCESSING_GROUPS.stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow(() -> new IllegalStateException("no streaming processor " + name)))
                .toList();
        // all stop together, then each goes back to the start and replays
        CompletableFuture.allOf(processors.stream().map(StreamingEventProcessor::shutdownAsync)
                .toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        deadLetters.clear(); // the replay hands their events to the handlers again; kept, they would hold them back
        Map<StreamingEventProcessor, Integer> segments = new LinkedHashMap<>();
        for (StreamingEventProcessor processor : processors) {
            processor.resetTokens();
            processor.start();
            // claimed now, not at the coordinator's next round (the token claim interval, 5 s)
            int[] ids = processing.tokenStore(processor.getName()).fetchSegments(processor.getName());
            for (int id : ids) {
                processor.claimSegment(id);
            }
            segments.put(processor, ids.length);
        }
        long deadline = System.nanoTime() + MAX_REPLAY.toNanos();
        for (StreamingEventProcessor processor : processors) {
            while (!replayed(processor, segments.get(processor))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(processor.getName() + " did not finish replaying within "
                            + MAX_REPLAY);
                }
                Thread.sleep(20); // polling the processor's own status, bounded by the deadline above
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.info("Rebuilt {} projections in {} ms", processors.size(), millis);
        return new Result(processors.stream().map(StreamingEventProcessor::getName).toList(), millis);
    }

    /**
     * Every segment is claimed and has handled the events that were there at the reset. Not Axon's "caught up"
     * alone: a segment is marked so only on its coordinator's next round, which with nothing new to read comes a
     * token claim interval later. And not before each segment is claimed: the ones claimed first may be done while
     * another has not started.
     */
    private static boolean replayed(StreamingEventProcessor processor, int segments) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return processor.isRunning() && status.size() == segments
                && status.values().stream().allMatch(ProjectionRebuild::replayed);
    }

    private static boolean replayed(EventTrackerStatus segment) {
        if (segment.isErrorState()) {
            return false;
        }
        OptionalLong resetAt = segment.getResetPosition(); // empty once the replay token has run out
        return segment.isCaughtUp() || (!segment.isReplaying() && resetAt.isEmpty())
                || segment.getCurrentPosition().orElse(-1) >= resetAt.orElse(Long.MAX_VALUE);
    }
}
