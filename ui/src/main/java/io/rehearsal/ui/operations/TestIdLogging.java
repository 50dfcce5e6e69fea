package io.rehearsal.ui.operations;

import io.rehearsal.api.DrTestEvent;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;

/**
 * Every log line written while handling a test's command or event carries the test id ({@code testId} in the
 * MDC, shown by the log pattern), so one test's story can be read out of interleaved logs.
 */
@Configuration(proxyBeanMethods = false)
class TestIdLogging {

    static final String KEY = "testId";

    @Bean
    ConfigurerModule testIdOnEventHandling() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((config, processor) -> new TestIdInMdc<>());
    }

    /** Apart from the configurer module above: the command bus is built from it. */
    @Component
    static class OnCommands {

        OnCommands(CommandBus commandBus) {
            commandBus.registerHandlerInterceptor(new TestIdInMdc<>());
        }
    }

    static final class TestIdInMdc<T extends Message<?>> implements MessageHandlerInterceptor<T> {

        @Override
        public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
            String testId = testIdOf(unitOfWork.getMessage().getPayload());
            if (testId == null) {
                return chain.proceed();
            }
            String previous = MDC.get(KEY);
            MDC.put(KEY, testId);
            try {
                return chain.proceed();
            } finally {
                if (previous == null) {
                    MDC.remove(KEY);
                } else {
                    MDC.put(KEY, previous);
                }
            }
        }

        /** A test's events say so; its commands are records with a {@code testId} component. */
        static String testIdOf(Object payload) {
            if (payload instanceof DrTestEvent event) {
                return event.testId().value();
            }
            if (payload != null && payload.getClass().isRecord()) {
                for (RecordComponent component : payload.getClass().getRecordComponents()) {
                    if (component.getName().equals(KEY)) {
                        try {
                            Object value = component.getAccessor().invoke(payload);
                            return value == null ? null : value.toString();
                        } catch (ReflectiveOperationException e) {
                            return null;
                        }
                    }
                }
            }
            return null;
        }
    }
}
