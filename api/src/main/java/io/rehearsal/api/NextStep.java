package io.rehearsal.api;

import java.util.Arrays;
import java.util.Optional;

/** The mandatory next steps after a completed test, each with a stable id and how it is done. */
public enum NextStep {
    REPUBLISH_APPLICATIONS("republish-applications", "Republish all applications", How.SELF_SERVICE),
    RECREATE_VPN("recreate-vpn", "Recreate the VPN", How.SELF_SERVICE),
    RECREATE_TRANSIT_GATEWAY("recreate-transit-gateway", "Recreate the Transit Gateway", How.SUPPORT_CASE),
    RECREATE_DIRECT_CONNECT("recreate-direct-connect", "Recreate Direct Connect", How.SUPPORT_CASE),
    REINSTALL_CLIENT_CERTIFICATES("reinstall-client-certificates", "Reinstall client-side certificates",
            How.SUPPORT_CASE),
    REINSTALL_SERVER_CERTIFICATES("reinstall-server-certificates",
            "Reinstall server-side certificates (when custom ones were used)", How.SELF_SERVICE),
    RECONFIGURE_DNS_RULES("reconfigure-dns-rules", "Reconfigure DNS rules", How.SUPPORT_CASE),
    RECREATE_DATABASE_USERS("recreate-database-users", "Recreate permanent database users", How.SUPPORT_CASE);

    public enum How { SELF_SERVICE, SUPPORT_CASE }

    public enum State { OPEN, DONE, NOT_APPLICABLE }

    private final String id;
    private final String title;
    private final How how;

    NextStep(String id, String title, How how) {
        this.id = id;
        this.title = title;
        this.how = how;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public How how() {
        return how;
    }

    public static Optional<NextStep> byId(String id) {
        return Arrays.stream(values()).filter(step -> step.id.equals(id)).findFirst();
    }
}
