package io.rehearsal.command.drtest;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

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
        }
    }
}
