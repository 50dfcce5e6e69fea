package io.rehearsal.command;

import io.rehearsal.api.FailoverStep;
import io.rehearsal.command.drtest.Precondition;
import io.rehearsal.command.failover.FailoverPolicy;
import io.rehearsal.command.failover.StepPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Rehearsal's own settings (the {@code rehearsal.*} keys of PRODUCT.md).
 *
 * @param dataDir        where the embedded default keeps everything that must survive a restart
 * @param preconditions  what an operator must acknowledge; empty means the five defaults
 * @param infrastructure which provider executes failover steps
 * @param simulator      the simulated provider's pace and backups
 * @param demo           whether the demo inventory is loaded into an empty store when no inventory file is set
 * @param inventory      the inventory file applied at start
 * @param failover       timeouts and retries of the failover steps
 * @param script         the script provider's folder and output limit
 */
@ConfigurationProperties("rehearsal")
public record RehearsalProperties(@DefaultValue("./data") Path dataDir,
                                  List<Precondition> preconditions,
                                  @DefaultValue Infrastructure infrastructure,
                                  @DefaultValue Simulator simulator,
                                  @DefaultValue Demo demo,
                                  @DefaultValue Failover failover,
                                  @DefaultValue Script script,
                                  @DefaultValue Notifications notifications,
                                  @DefaultValue Mail mail,
                                  @DefaultValue Inventory inventory) {

    public record Infrastructure(@DefaultValue("simulated") String provider) {
    }

    /**
     * @param defaults every step's policy, where {@code steps} says nothing else
     * @param steps    per-step overrides, e.g. {@code rehearsal.failover.steps.RESTORE_DATABASE.timeout=2h}
     */
    public record Failover(StepPolicy defaults, Map<FailoverStep, StepPolicy> steps) {

        public FailoverPolicy policy() {
            if (defaults == null && (steps == null || steps.isEmpty())) {
                return FailoverPolicy.defaults();
            }
            return new FailoverPolicy(defaults, steps);
        }
    }

    /**
     * @param speed          time multiplier: 1 is a realistic pace (about a minute a failover), 1000 near instant
     * @param backupInterval how often, at speed 1, the simulator takes a backup of each DR-enabled environment
     * @param faults         faults to inject, e.g. {@code RESTORE_DATABASE=fail-2,VERIFY=fail-always,CREATE_DNS=hang}
     */
    public record Simulator(@DefaultValue("1") double speed, @DefaultValue("5m") Duration backupInterval,
                            @DefaultValue("") String faults) {
    }

    /**
     * @param dir         a folder with one executable per failover step, named after the step
     * @param outputLimit how much of a script's standard error (and output) is kept
     */
    public record Script(Path dir, @DefaultValue("64KB") DataSize outputLimit) {
    }

    /**
     * @param recipients who is mailed the end of every test (by default the sender address itself)
     * @param from       the sender address
     * @param maxAge     events older than this are not mailed (a new notifier would otherwise mail the history)
     */
    public record Notifications(@DefaultValue List<String> recipients, @DefaultValue("rehearsal@localhost") String from,
                                @DefaultValue("1h") Duration maxAge) {
    }

    /** @param outbox where mails are written as .eml files when no SMTP host is configured */
    public record Mail(Path outbox) {
    }

    public record Demo(@DefaultValue("true") boolean enabled) {
    }

    /** @param file a YAML file of environments, applied at start and on request (none means the demo's) */
    public record Inventory(Path file) {
    }
}
