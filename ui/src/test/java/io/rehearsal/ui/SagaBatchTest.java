package io.rehearsal.ui;

import io.rehearsal.api.FailoverStep;
import io.rehearsal.api.FailoverStepStartedEvent;
import io.rehearsal.api.StartFailoverStepCommand;
import io.rehearsal.api.TestStatus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga handles its events in batches, one transaction for each (its commit per step of every test was over a
 * fifth of an outage's CPU). The commands it sends join that transaction, so a refused one must roll back nothing
 * but itself: the other tests' commands of the same batch stay recorded, and are not sent again. Here a batch is
 * made to hold several tests' starts (the saga's one segment is held while they are started), and the command of
 * the second test in it is refused; the saga retries it later, as any refusal.
 */
@TestPropertySource(properties = "axon.eventhandling.processors.FailoverSagaProcessor.initial-segment-count=1")
@Import(SagaBatchTest.CommandWatch.Config.class)
class SagaBatchTest extends RunningApplicationTest {

    private static final Map<String, String> ENVIRONMENTS = Map.of("acme-prod", "ACME Production",
            "globex-staging", "Globex Staging", "umbrella-qa", "Umbrella QA");
    private static final String HELD = "acme-prod";

    @Autowired
    CommandWatch watch;
    @Autowired
    EventStore eventStore;

    @Test
    void aCommandRefusedInTheSagasBatchRollsBackNothingElseOfIt() throws Exception {
        watch.holdNextStart();
        String held = startTest(HELD, ENVIRONMENTS.get(HELD));
        assertThat(watch.holding.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the saga reached the held start")
                .isTrue();
        // while the saga's only segment waits, two more tests start: their events queue up for one batch
        List<String> queued = ENVIRONMENTS.keySet().stream().filter(env -> !env.equals(HELD)).sorted()
                .map(env -> startTest(env, ENVIRONMENTS.get(env))).toList();
        watch.release.countDown();

        Refusal refusal = await("a start refused in a batch that had sent another test's").atMost(DEADLINE)
                .until(() -> watch.refusal, r -> r != null);
        assertThat(queued).as("the refused start was one of the queued tests").contains(refusal.testId());
        assertThat(refusal.before()).as("another test's start went first in the same batch")
                .isNotEmpty().doesNotContainKey(refusal.testId());

        List<String> all = Stream.concat(Stream.of(held), queued.stream()).toList();
        for (String testId : all) {
            awaitStatus(testId, TestStatus.COMPLETED);
        }
        assertThat(watch.batchCommitted).as("the batch of the refusal committed").isTrue();
        assertThat(watch.batchRolledBack).as("the batch of the refusal rolled back, which it must not").isFalse();
        refusal.before().forEach((other, step) -> assertThat(watch.handled.get(other + "/" + step))
                .as("the start of %s of %s, in the refusal's batch, was handled once, never again", step, other)
                .isEqualTo(1));
        for (String testId : all) {
            assertThat(startsPerStep(testId)).as("every step of %s started once", testId)
                    .hasSize(FailoverStep.values().length)
                    .allSatisfy((step, starts) -> assertThat(starts).isEqualTo(1));
        }
    }

    private Map<FailoverStep, Integer> startsPerStep(String testId) {
        Map<FailoverStep, Integer> starts = new EnumMap<>(FailoverStep.class);
        eventStore.readEvents(testId).asStream().map(m -> m.getPayload())
                .filter(FailoverStepStartedEvent.class::isInstance).map(FailoverStepStartedEvent.class::cast)
                .forEach(e -> starts.merge(e.step(), 1, Integer::sum));
        return starts;
    }

    /** The start of a test refused inside a batch that had already sent the starts of {@code before}, by test. */
    record Refusal(String testId, Map<String, FailoverStep> before) {
    }

    /**
     * Sees every start of a step the saga sends, inside the batch (the root unit of work) it belongs to. It can hold
     * the next one until released, and it refuses the first start that comes after another test's in one batch.
     */
    static class CommandWatch implements MessageHandlerInterceptor<CommandMessage<?>> {

        private static final String STARTS_OF_BATCH = CommandWatch.class.getName() + ".starts";
        private static final Duration MAX_HOLD = Duration.ofSeconds(60);

        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Map<String, Integer> handled = new ConcurrentHashMap<>();
        volatile boolean holdNext;
        volatile Refusal refusal;
        volatile boolean batchCommitted;
        volatile boolean batchRolledBack;

        void holdNextStart() {
            holdNext = true;
        }

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            if (!(unitOfWork.getMessage().getPayload() instanceof StartFailoverStepCommand start)
                    || unitOfWork.parent().isEmpty()) {
                return chain.proceed(); // not sent by a handler: no batch to watch
            }
            if (holdNext) {
                holdNext = false;
                holding.countDown();
                if (!release.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the test never released the held start");
                }
            }
            UnitOfWork<?> batch = unitOfWork.root();
            Map<String, FailoverStep> starts =
                    batch.getOrComputeResource(STARTS_OF_BATCH, key -> new LinkedHashMap<>());
            String testId = start.testId().value();
            if (refusal == null && !starts.isEmpty() && !starts.containsKey(testId)) {
                refusal = new Refusal(testId, Map.copyOf(starts));
                batch.afterCommit(u -> batchCommitted = true);
                batch.onRollback(u -> batchRolledBack = true);
                throw new IllegalStateException("refused by the test, inside a batch of the saga");
            }
            starts.put(testId, start.step());
            handled.merge(testId + "/" + start.step(), 1, Integer::sum);
            return chain.proceed();
        }

        @TestConfiguration(proxyBeanMethods = false)
        static class Config {

            @Bean
            CommandWatch commandWatch() {
                return new CommandWatch(); // Axon puts every handler interceptor bean on the command bus
            }
        }
    }
}
