package io.rehearsal.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rehearsal.api.Actor;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.api.StartFailoverCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.bson.Document;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 2: a region goes down and a test is started on every environment in it at once, through the command
 * gateway with a bounded number of commands in flight. Measured until every test is COMPLETED in the progress
 * view. The baseline, in the same run: the very events the outage recorded, appended by a plain loop, one unit
 * of work each, to an event store built the same way (JDBC storage engine on an H2 file with WRITE_DELAY=0).
 */
final class RegionalOutage {

    static final int IN_FLIGHT = 64;
    private static final Duration DEADLINE = Duration.ofMinutes(20);

    /**
     * @param heapAfterBytes  the heap in use after the outage, after a collection: what the finished tests keep
     * @param dataDirBytes    the data directory once the outage is over and every processor idle
     * @param storedEvents    every event in the store then, the ones before the outage (the environments') included
     */
    record Result(int environments, EventRates rates, long peakHeapBytes, long peakRssBytes, long rssAfterBytes,
                  long heapAfterBytes, long dataDirBytes, long storedEvents, int completed) {

        double bytesPerStoredEvent() {
            return (double) dataDirBytes / storedEvents;
        }

        double failoversPerSecond() {
            return environments / rates.seconds();
        }
    }

    static Result run(BenchApp app, int size) throws Exception {
        List<EnvironmentId> environments = app.registerEnvironments(size);
        EventStore eventStore = app.bean(EventStore.class);
        TrackingToken before = eventStore.createHeadToken();
        long eventsBefore = app.storedEvents();
        MongoCollection<Document> progress = app.views().getCollection("dr_test_progress");
        MongoCollection<Document> history = app.views().getCollection("dr_test_history");
        CommandGateway commands = app.bean(CommandGateway.class);
        AtomicInteger rejected = new AtomicInteger();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        System.gc();

        long started = System.nanoTime();
        double seconds;
        long peakHeap;
        long peakRss;
        try (ResourceSampler sampler = new ResourceSampler()) {
            for (int i = 0; i < environments.size(); i++) {
                EnvironmentId id = environments.get(i);
                inFlight.acquire();
                BenchApp.send(commands, new StartFailoverCommand(DrTestId.random(), id, new HashSet<>(BenchApp.PRECONDITIONS),
                                "Environment " + id.value().substring(4), "regional outage", Actor.of("operator")))
                        .whenComplete((result, failure) -> {
                            if (failure != null) {
                                rejected.incrementAndGet();
                            }
                            inFlight.release();
                        });
            }
            /*
             * The end is all tests COMPLETED in the progress view, where a count by status is a scan of the view (the
             * product never asks it by status): 6 % of the CPU of an outage of 3,000 went to this loop's counts.
             * So the loop first counts in the history view, whose status index answers without a scan, and counts
             * in the progress view, every 100 ms as before, only once the history has them all.
             */
            BenchApp.await("all " + size + " tests COMPLETED in the history", DEADLINE, Duration.ofMillis(100), () -> {
                if (rejected.get() > 0) {
                    throw new IllegalStateException(rejected.get() + " starts were rejected");
                }
                return allCompleted(history, size);
            });
            BenchApp.await("all " + size + " tests COMPLETED", DEADLINE, Duration.ofMillis(100),
                    () -> allCompleted(progress, size));
            seconds = (System.nanoTime() - started) / 1e9;
            sampler.close();
            peakHeap = sampler.peakHeapBytes();
            peakRss = sampler.peakRssBytes();
        }
        app.awaitProcessorsIdle();
        long storedEvents = app.storedEvents();
        long events = storedEvents - eventsBefore;
        long dataDirBytes = app.dataDirBytes();
        int completed = verifyNothingLost(app, size);
        System.gc();
        long rssAfter = ResourceSampler.rssBytes(ProcessHandle.current().pid());
        long heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        List<DomainEventMessage<?>> recorded = recordedSince(eventStore, before, events);
        double rawSeconds = appendInPlainLoop(app, recorded, app.dataDir.resolve("baseline-" + size + "-" + System.nanoTime()));
        return new Result(size, new EventRates(events, seconds, rawSeconds), peakHeap, peakRss, rssAfter, heapAfter,
                dataDirBytes, storedEvents, completed);
    }

    /** Whether the view shows every test COMPLETED; a FAILED one ends the wait, the outage is not what it claims. */
    private static boolean allCompleted(MongoCollection<Document> view, int size) {
        if (view.countDocuments(Filters.eq("status", "FAILED")) > 0) {
            throw new IllegalStateException("a test FAILED during the outage");
        }
        return view.countDocuments(Filters.eq("status", "COMPLETED")) >= size;
    }

    /**
     * Every test completed with all nine steps done on their first attempt, in the progress and the history
     * views, and the event store holds exactly one FailoverCompletedEvent per test.
     */
    private static int verifyNothingLost(BenchApp app, int size) {
        long allStepsDone = app.views().getCollection("dr_test_progress").countDocuments(Filters.and(
                Filters.eq("status", "COMPLETED"),
                Filters.not(Filters.elemMatch("steps", Filters.ne("status", "COMPLETED"))),
                Filters.not(Filters.elemMatch("steps", Filters.ne("attempt", 1)))));
        long inHistory = app.views().getCollection("dr_test_history").countDocuments(Filters.eq("status", "COMPLETED"));
        Long completedEvents = app.bean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType = ?", Long.class,
                "io.rehearsal.api.FailoverCompletedEvent");
        if (allStepsDone != size || inHistory != size || completedEvents == null || completedEvents != size) {
            throw new IllegalStateException("lost work: " + size + " tests started, " + allStepsDone
                    + " with all steps completed in progress, " + inHistory + " completed in history, "
                    + completedEvents + " FailoverCompletedEvents stored");
        }
        return (int) allStepsDone;
    }

    private static List<DomainEventMessage<?>> recordedSince(EventStore store, TrackingToken from, long count)
            throws Exception {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(from)) {
            while (events.size() < count && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> next = stream.nextAvailable();
                if (next instanceof DomainEventMessage<?> domain) {
                    events.add(new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                            domain.getSequenceNumber(), domain.getPayload(), domain.getMetaData(),
                            domain.getIdentifier(), domain.getTimestamp()));
                }
            }
        }
        if (events.size() != count) {
            throw new IllegalStateException("read back " + events.size() + " of " + count + " recorded events");
        }
        return events;
    }

    /** The baseline: one unit of work, one transaction, one event, in a loop; returns the seconds it took. */
    static double appendInPlainLoop(BenchApp app, List<DomainEventMessage<?>> events, Path file) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            new ResourceDatabasePopulator(new ClassPathResource("db/embedded-schema.sql")).execute(dataSource);
            SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
            Serializer serializer = app.context.getBean("serializer", Serializer.class);
            Serializer eventSerializer = app.context.getBean("eventSerializer", Serializer.class);
            EmbeddedEventStore store = EmbeddedEventStore.builder()
                    .storageEngine(JdbcEventStorageEngine.builder()
                            .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                                    new SpringDataSourceConnectionProvider(dataSource)))
                            .transactionManager(transactions)
                            .snapshotSerializer(serializer)
                            .eventSerializer(eventSerializer)
                            .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                            .build())
                    .optimizeEventConsumption(false)
                    .build();
            try {
                long started = System.nanoTime();
                for (DomainEventMessage<?> event : events) {
                    DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                    unitOfWork.attachTransaction(transactions);
                    unitOfWork.execute(() -> store.publish(event));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Long stored = new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                        .queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
                if (stored == null || stored != events.size()) {
                    throw new IllegalStateException("the plain loop stored " + stored + " of " + events.size());
                }
                return seconds;
            } finally {
                store.shutDown();
            }
        }
    }

}
