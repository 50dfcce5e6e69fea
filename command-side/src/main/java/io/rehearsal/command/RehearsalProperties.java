package io.rehearsal.command;

import io.rehearsal.command.drtest.Precondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Rehearsal's own settings (the {@code rehearsal.*} keys of PRODUCT.md).
 *
 * @param dataDir        where the embedded default keeps everything that must survive a restart
 * @param preconditions  what an operator must acknowledge; empty means the five defaults
 * @param infrastructure which provider executes failover steps
 * @param simulator      the simulated provider's pace and backups
 * @param demo           whether the demo inventory is loaded into an empty store
 */
@ConfigurationProperties("rehearsal")
public record RehearsalProperties(@DefaultValue("./data") Path dataDir,
                                  List<Precondition> preconditions,
                                  @DefaultValue Infrastructure infrastructure,
                                  @DefaultValue Simulator simulator,
                                  @DefaultValue Demo demo) {

    public record Infrastructure(@DefaultValue("simulated") String provider) {
    }

    /**
     * @param speed          time multiplier: 1 is a realistic pace (about a minute a failover), 1000 near instant
     * @param backupInterval how often, at speed 1, the simulator takes a backup of each DR-enabled environment
     */
    public record Simulator(@DefaultValue("1") double speed, @DefaultValue("5m") Duration backupInterval) {
    }

    public record Demo(@DefaultValue("true") boolean enabled) {
    }
}
