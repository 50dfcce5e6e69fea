package io.rehearsal.command.infrastructure.simulated;

import io.rehearsal.api.DatabaseConfiguration;
import io.rehearsal.api.FrontEndConfiguration;
import io.rehearsal.api.KeptConfiguration;

import java.util.ArrayList;
import java.util.List;

/** One environment's footprint in one region, as the simulator keeps it. Mutable and journalled whole. */
final class SimulatedDeployment {

    enum Status { ACTIVE, LOCKED, BUILDING, RETIRED }

    public String id;
    public String environmentId;
    public String testId;
    public String region;
    public Status status;
    public String vpcId;
    public String cidr;
    public String databaseId;
    public DatabaseConfiguration database;
    public String restoredFromBackup;
    public List<String> frontEndIds = new ArrayList<>();
    public FrontEndConfiguration frontEnds;
    public String dnsId;
    public String certificate;
    public KeptConfiguration kept;
}
