package io.rehearsal.command;

import io.rehearsal.command.drtest.PreconditionCatalog;
import io.rehearsal.command.drtest.RejectionTranslator;
import io.rehearsal.api.EnvironmentView;
import io.rehearsal.api.FindActiveEnvironmentNamedQuery;
import java.util.Optional;
import io.rehearsal.command.environment.DisplayNames;
import io.rehearsal.command.environment.EnvironmentAggregate;
import io.rehearsal.command.inventory.Inventory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.rehearsal.command.environment.EnvironmentReservations;
import io.rehearsal.command.failover.FailoverPolicy;
import io.rehearsal.command.infrastructure.script.ScriptInfrastructure;
import io.rehearsal.command.infrastructure.simulated.SimulatedInfrastructure;
import io.rehearsal.command.infrastructure.simulated.SimulatorFaults;
import io.rehearsal.command.audit.AuditChain;
import io.rehearsal.command.notification.FailoverNotifier;
import io.rehearsal.command.notification.MailTransport;
import io.rehearsal.command.notification.OutboxTransport;
import io.rehearsal.command.notification.SmtpTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
@EnableConfigurationProperties(RehearsalProperties.class)
public class CommandSideConfiguration {

    /** Events between two snapshots of an environment: loading replays at most this many after the snapshot. */
    static final int ENVIRONMENT_SNAPSHOT_EVERY = 100;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PreconditionCatalog preconditionCatalog(RehearsalProperties properties) {
        return new PreconditionCatalog(properties.preconditions());
    }

    /** An environment collects a backup event per backup for life: load it from a snapshot, not from its start. */
    @Bean
    SnapshotTriggerDefinition environmentSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, ENVIRONMENT_SNAPSHOT_EVERY);
    }

    /** Display names are unique among active environments: the environments view answers which one holds a name. */
    @Bean
    DisplayNames displayNames(QueryGateway queries) {
        return name -> {
            try {
                return Optional.ofNullable(queries.query(new FindActiveEnvironmentNamedQuery(name),
                        EnvironmentView.class).get(30, TimeUnit.SECONDS)).map(EnvironmentView::id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking the display name", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot read the environments to check the display name", e);
            }
        };
    }

    @Bean
    Inventory inventory(Repository<EnvironmentAggregate> environmentRepository, CommandGateway commands,
                        QueryGateway queries, Clock clock) {
        return new Inventory(environmentRepository, commands, queries, clock);
    }

    @Bean
    EnvironmentReservations environmentReservations(Repository<EnvironmentAggregate> environmentRepository,
                                                    PreconditionCatalog preconditions, Clock clock) {
        return new EnvironmentReservations(environmentRepository, preconditions, clock);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "rehearsal.infrastructure.provider", havingValue = "simulated", matchIfMissing = true)
    SimulatedInfrastructure simulatedInfrastructure(RehearsalProperties properties, SimulatorFaults faults) {
        return new SimulatedInfrastructure(properties.dataDir().resolve("simulator"), properties.simulator().speed(),
                faults);
    }

    @Bean
    @ConditionalOnProperty(name = "rehearsal.infrastructure.provider", havingValue = "simulated", matchIfMissing = true)
    SimulatorFaults simulatorFaults(RehearsalProperties properties) {
        return new SimulatorFaults(properties.simulator().faults());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "rehearsal.infrastructure.provider", havingValue = "script")
    ScriptInfrastructure scriptInfrastructure(RehearsalProperties properties) {
        RehearsalProperties.Script script = properties.script();
        if (script.dir() == null) {
            throw new IllegalStateException("rehearsal.infrastructure.provider=script needs rehearsal.script.dir: "
                    + "a folder with one executable per failover step");
        }
        return new ScriptInfrastructure(script.dir(), properties.dataDir().resolve("script"),
                (int) script.outputLimit().toBytes());
    }

    @Bean(destroyMethod = "close")
    FailoverNotifier failoverNotifier(ObjectProvider<JavaMailSender> smtp, EventStore eventStore,
                                      RehearsalProperties properties, Clock clock) {
        JavaMailSender sender = smtp.getIfAvailable();
        MailTransport transport = sender != null ? new SmtpTransport(sender)
                : new OutboxTransport(properties.mail().outbox() != null ? properties.mail().outbox()
                : properties.dataDir().resolve("outbox"));
        return new FailoverNotifier(transport, eventStore, properties, clock);
    }

    @Bean
    FailoverPolicy failoverPolicy(RehearsalProperties properties) {
        return properties.failover().policy();
    }

    @Autowired
    void translateRejections(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionTranslator());
    }

    @Autowired
    void chainTestEvents(EventStore eventStore) {
        eventStore.registerDispatchInterceptor(new AuditChain(eventStore));
    }
}
