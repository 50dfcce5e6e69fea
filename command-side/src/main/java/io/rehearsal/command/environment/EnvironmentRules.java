package io.rehearsal.command.environment;

import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.ExternalConnection;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;
import io.rehearsal.api.Targets;
import io.rehearsal.command.drtest.Cidr;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a well-formed environment is: the checks on every field an ADMIN (or an inventory file) sends, each
 * naming the field by its path in the request body so a form can put the message next to it.
 */
public final class EnvironmentRules {

    /** A slug, as it appears in addresses: lowercase letters, digits and dashes, no dash at either end. */
    static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38})[a-z0-9]");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    static final int NAME_LIMIT = 100;
    private static final int TEXT_LIMIT = 64;
    private static final Duration LONGEST_TARGET = Duration.ofDays(30);
    private static final int LONGEST_INTERVAL_DAYS = 3650;

    private EnvironmentRules() {
    }

    /** Every field error of a registration, for a planner that checks a whole inventory before sending anything. */
    public static List<io.rehearsal.api.FieldError> ofRegistration(String id, String displayName,
                                                                   io.rehearsal.api.Purpose purpose, String region,
                                                                   String drRegion, boolean drEnabled,
                                                                   EnvironmentConfiguration configuration,
                                                                   Targets targets) {
        FieldErrors errors = new FieldErrors();
        id(errors, id);
        errors.requireText("displayName", displayName, NAME_LIMIT);
        if (purpose == null) {
            errors.add("purpose", "is required: PRODUCTION, PRE_PRODUCTION or DEVELOPMENT.");
        }
        region(errors, "region", region);
        drRegion(errors, region, drRegion, drEnabled);
        configuration(errors, configuration);
        targets(errors, targets);
        return errors.all();
    }

    static void id(FieldErrors errors, String id) {
        if (id == null || id.isEmpty()) {
            errors.add("id", "is required.");
        } else if (!ID.matcher(id).matches()) {
            errors.add("id", "'" + id + "' is no slug: use 3 to 63 lowercase letters, digits and dashes, "
                    + "starting and ending with a letter or digit.");
        }
    }

    static void region(FieldErrors errors, String field, String region) {
        if (errors.requireText(field, region, 40) && !REGION.matcher(region).matches()) {
            errors.add(field, "'" + region + "' is no region name: use lowercase letters, digits and dashes "
                    + "(e.g. eu-west-1).");
        }
    }

    static void drRegion(FieldErrors errors, String region, String drRegion, boolean drEnabled) {
        if (drRegion == null) {
            if (drEnabled) {
                errors.add("drRegion", "is required to enable DR: name the region a failover moves to.");
            }
            return;
        }
        region(errors, "drRegion", drRegion);
        if (drRegion.equals(region)) {
            errors.add("drRegion", "must differ from the region the environment runs in (" + region + ").");
        }
    }

    static void configuration(FieldErrors errors, EnvironmentConfiguration configuration) {
        String at = "configuration";
        if (configuration == null) {
            errors.add(at, "is required.");
            return;
        }
        database(errors, at + ".database", configuration.database());
        frontEnds(errors, at + ".frontEnds", configuration.frontEnds());
        if (configuration.network() == null) {
            errors.add(at + ".network", "is required.");
        } else {
            network(errors, at + ".network.vpcCidr", configuration.network().vpcCidr());
        }
        kept(errors, at + ".kept", configuration.kept());
    }

    private static void database(FieldErrors errors, String at, DatabaseConfiguration database) {
        if (database == null) {
            errors.add(at, "is required.");
            return;
        }
        errors.requireText(at + ".engine", database.engine(), TEXT_LIMIT);
        errors.requireText(at + ".engineVersion", database.engineVersion(), TEXT_LIMIT);
        errors.requireText(at + ".instanceClass", database.instanceClass(), TEXT_LIMIT);
        storage(errors, at + ".storageGb", database.storageGb());
    }

    private static void frontEnds(FieldErrors errors, String at, FrontEndConfiguration frontEnds) {
        if (frontEnds == null) {
            errors.add(at, "is required.");
            return;
        }
        if (frontEnds.count() < 1 || frontEnds.count() > 1000) {
            errors.add(at + ".count", "is " + frontEnds.count() + "; an environment has 1 to 1000 front-ends.");
        }
        errors.requireText(at + ".instanceType", frontEnds.instanceType(), TEXT_LIMIT);
        storage(errors, at + ".storageGb", frontEnds.storageGb());
    }

    private static void storage(FieldErrors errors, String field, int gb) {
        if (gb < 1 || gb > 1_000_000) {
            errors.add(field, "is " + gb + " GB; storage is 1 to 1000000 GB.");
        }
    }

    /** The environment's own network: a private block a VPC can have, written as its network address. */
    static void network(FieldErrors errors, String field, String cidr) {
        if (cidr == null || cidr.isBlank()) {
            errors.add(field, "is required.");
            return;
        }
        Optional<Cidr> block = Cidr.exact(cidr);
        if (block.isEmpty()) {
            errors.add(field, "'" + cidr + "' is no IPv4 CIDR block (e.g. 10.20.0.0/16).");
        } else if (!block.get().aligned()) {
            errors.add(field, "'" + cidr + "' has host bits set; the block is " + block.get().normalised() + ".");
        } else if (block.get().prefix() < 8 || block.get().prefix() > 28) {
            errors.add(field, "'" + cidr + "' has a /" + block.get().prefix() + " prefix; a network is /8 to /28.");
        } else if (!block.get().isPrivate()) {
            errors.add(field, "'" + cidr + "' is not a private range: use one inside 10.0.0.0/8, 172.16.0.0/12 "
                    + "or 192.168.0.0/16.");
        }
    }

    private static void kept(FieldErrors errors, String at, KeptConfiguration kept) {
        if (kept == null) {
            errors.add(at, "is required.");
            return;
        }
        List<String> rules = kept.wafIpRules();
        if (rules.size() > 500) {
            errors.add(at + ".wafIpRules", "holds " + rules.size() + " rules; at most 500 are allowed.");
        }
        for (int i = 0; i < rules.size() && i < 500; i++) {
            String rule = rules.get(i);
            Optional<Cidr> block = Cidr.exact(rule);
            if (block.isEmpty()) {
                errors.add(at + ".wafIpRules[" + i + "]", "'" + rule + "' is no IPv4 CIDR block (e.g. 203.0.113.0/24).");
            } else if (!block.get().aligned()) {
                errors.add(at + ".wafIpRules[" + i + "]", "'" + rule + "' has host bits set; the block is "
                        + block.get().normalised() + ".");
            }
        }
        List<ExternalConnection> connections = kept.externalConnections();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < connections.size() && i < 100; i++) {
            String field = at + ".externalConnections[" + i + "]";
            ExternalConnection connection = connections.get(i);
            if (connection == null) {
                errors.add(field, "is empty.");
                continue;
            }
            if (errors.requireText(field + ".name", connection.name(), TEXT_LIMIT)
                    && !names.add(connection.name().toLowerCase())) {
                errors.add(field + ".name", "'" + connection.name() + "' names another connection too.");
            }
            errors.requireText(field + ".engine", connection.engine(), TEXT_LIMIT);
            if (errors.requireText(field + ".host", connection.host(), 253) && !HOST.matcher(connection.host()).matches()) {
                errors.add(field + ".host", "'" + connection.host() + "' is no host name.");
            }
        }
        if (connections.size() > 100) {
            errors.add(at + ".externalConnections", "holds " + connections.size() + "; at most 100 are allowed.");
        }
    }

    static void targets(FieldErrors errors, Targets targets) {
        if (targets == null) {
            errors.add("targets", "is required.");
            return;
        }
        duration(errors, "targets.rto", targets.rto(), "recovery time objective");
        duration(errors, "targets.rpo", targets.rpo(), "recovery point objective");
        if (targets.testIntervalDays() < 1 || targets.testIntervalDays() > LONGEST_INTERVAL_DAYS) {
            errors.add("targets.testIntervalDays", "is " + targets.testIntervalDays() + "; test every 1 to "
                    + LONGEST_INTERVAL_DAYS + " days.");
        }
    }

    private static void duration(FieldErrors errors, String field, Duration value, String what) {
        if (value == null) {
            errors.add(field, "is required: the " + what + " as an ISO-8601 duration (e.g. PT4H).");
        } else if (value.isZero() || value.isNegative()) {
            errors.add(field, "is " + value + "; the " + what + " must be longer than zero.");
        } else if (value.compareTo(LONGEST_TARGET) > 0) {
            errors.add(field, "is " + value + "; the " + what + " is at most 30 days.");
        }
    }
}
