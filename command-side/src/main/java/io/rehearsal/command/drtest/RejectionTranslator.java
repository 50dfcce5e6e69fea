package io.rehearsal.command.drtest;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import io.rehearsal.api.Rejection;

/**
 * Turns a domain rejection into a {@link CommandExecutionException} whose details carry the
 * {@link io.rehearsal.api.Rejection}: the one shape that crosses Axon Server intact.
 */
public class RejectionTranslator implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (FailoverRejectedException e) {
            throw new CommandExecutionException(e.getMessage(), e, e.rejection());
        } catch (AggregateNotFoundException e) {
            String message = "No " + (targetsEnvironment(unitOfWork.getMessage()) ? "environment" : "DR test")
                    + " with id '" + e.getAggregateIdentifier() + "'.";
            throw new CommandExecutionException(message, e, new Rejection(Rejection.Reason.NOT_FOUND, message));
        }
    }

    private static boolean targetsEnvironment(CommandMessage<?> command) {
        String name = command.getPayloadType().getSimpleName();
        return name.contains("Environment") || name.contains("Backup") || name.contains("DisasterRecovery");
    }
}
