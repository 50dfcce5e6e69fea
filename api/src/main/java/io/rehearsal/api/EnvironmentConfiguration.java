package io.rehearsal.api;

public record EnvironmentConfiguration(DatabaseConfiguration database, FrontEndConfiguration frontEnds,
                                       NetworkConfiguration network, KeptConfiguration kept) {

    public EnvironmentConfiguration withNetwork(NetworkConfiguration newNetwork) {
        return new EnvironmentConfiguration(database, frontEnds, newNetwork, kept);
    }
}
