package io.rehearsal.ui.web;

import io.rehearsal.api.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/**
 * Sends commands on behalf of the authenticated user, who lands in the metadata of every resulting event.
 * Local command handling runs in the sender's thread, so it is moved off the event loop.
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> Mono<R> send(Object command, Actor actor) {
        return Mono.defer(() -> Mono.<R>fromFuture(gateway.send(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of(Actor.METADATA_KEY, actor.name())))))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
