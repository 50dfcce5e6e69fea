package io.rehearsal.command.environment;

import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;
import io.rehearsal.command.drtest.FailoverRejectedException;
import io.rehearsal.command.drtest.PreconditionCatalog;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.util.Set;

/**
 * Reserves an environment for a new test inside the caller's unit of work. Loading the Environment through
 * its repository takes its lock and checks its sequence on append, so two starts can never both win.
 */
public class EnvironmentReservations {

    private final Repository<EnvironmentAggregate> environments;
    private final PreconditionCatalog preconditions;
    private final Clock clock;

    public EnvironmentReservations(Repository<EnvironmentAggregate> environments, PreconditionCatalog preconditions,
                                   Clock clock) {
        this.environments = environments;
        this.preconditions = preconditions;
        this.clock = clock;
    }

    public FailoverTerms reserve(EnvironmentId environmentId, DrTestId testId, Set<String> acknowledged,
                                 String confirmationName) {
        try {
            return environments.load(environmentId.value()).invoke(
                    env -> env.reserveFor(testId, acknowledged, confirmationName, preconditions, clock));
        } catch (AggregateNotFoundException e) {
            throw FailoverRejectedException.notFound("No environment with id '" + environmentId + "'.");
        }
    }
}
