package io.rehearsal.command.inventory;

import io.rehearsal.api.Actor;
import io.rehearsal.command.RehearsalProperties;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * On start: applies {@code rehearsal.inventory.file} when one is set; otherwise, into an empty store, the demo
 * inventory (examples/inventory/demo.yaml, shipped in the jar), so a newcomer has environments to test on.
 * A file that cannot be applied stops the start with what is wrong, as any other invalid setting does.
 */
@Component
@Order(0)
class InventoryAtStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InventoryAtStart.class);
    static final String DEMO = "demo.yaml";

    private final Inventory inventory;
    private final EventStore eventStore;
    private final RehearsalProperties properties;

    InventoryAtStart(Inventory inventory, EventStore eventStore, RehearsalProperties properties) {
        this.inventory = inventory;
        this.eventStore = eventStore;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Path file = properties.inventory().file();
        if (file != null) {
            InventoryPlan plan = inventory.apply(InventoryFile.parse(read(file)), file.toString(), Actor.SYSTEM);
            log.info("Applied the inventory file {}: {}", file, summary(plan));
        } else if (properties.demo().enabled() && storeIsEmpty()) {
            InventoryPlan plan = inventory.apply(InventoryFile.parse(demo()), "the demo inventory", Actor.SYSTEM);
            log.info("Loaded the demo inventory: {} environments", plan.environments().size());
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inventory file " + file
                    + " (rehearsal.inventory.file): " + e.getMessage(), e);
        }
    }

    static String demo() {
        try (InputStream in = InventoryAtStart.class.getResourceAsStream(DEMO)) {
            if (in == null) {
                throw new IllegalStateException("the demo inventory is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String summary(InventoryPlan plan) {
        StringBuilder text = new StringBuilder();
        for (InventoryPlan.Action action : InventoryPlan.Action.values()) {
            long n = plan.environments().stream().filter(i -> i.action() == action).count();
            if (n > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(n).append(' ').append(action.name().toLowerCase());
            }
        }
        return text.isEmpty() ? "no environments" : text.toString();
    }

    private boolean storeIsEmpty() throws Exception {
        try (BlockingStream<? extends Message<?>> stream = eventStore.openStream(null)) {
            return !stream.hasNextAvailable();
        }
    }
}
