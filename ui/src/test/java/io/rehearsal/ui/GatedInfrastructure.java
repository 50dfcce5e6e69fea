package io.rehearsal.ui;

import io.rehearsal.command.infrastructure.InfrastructureProvider;
import io.rehearsal.command.infrastructure.StepOutcome;
import io.rehearsal.command.infrastructure.StepRequest;
import io.rehearsal.command.infrastructure.simulated.SimulatedInfrastructure;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The real simulator behind a gate: a test can hold an environment's failover at its next step, so "a test is
 * running" is a fact the test controls rather than a race it hopes to win. Open by default.
 */
class GatedInfrastructure implements InfrastructureProvider {

    private static final Duration MAX_HOLD = Duration.ofSeconds(60);

    private final SimulatedInfrastructure simulator;
    private final Set<String> held = new HashSet<>();

    GatedInfrastructure(SimulatedInfrastructure simulator) {
        this.simulator = simulator;
    }

    synchronized void hold(String environmentId) {
        held.add(environmentId);
    }

    synchronized void release(String environmentId) {
        held.remove(environmentId);
        notifyAll();
    }

    @Override
    public StepOutcome execute(StepRequest request) {
        synchronized (this) {
            long deadline = System.nanoTime() + MAX_HOLD.toNanos();
            while (held.contains(request.environmentId().value()) && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return simulator.execute(request);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        GatedInfrastructure gatedInfrastructure(SimulatedInfrastructure simulator) {
            return new GatedInfrastructure(simulator);
        }
    }
}
