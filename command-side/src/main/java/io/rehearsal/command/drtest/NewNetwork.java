package io.rehearsal.command.drtest;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What PROVISION_NETWORK must have produced, whichever provider ran it: a CIDR block (fact {@code cidr}) that does
 * not overlap the source's, since the new environment is connected to the same peers and must be routable beside
 * the old one.
 */
final class NewNetwork {

    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");

    private NewNetwork() {
    }

    /** Why the reported network cannot be used, or null when it can. */
    static String refusal(String sourceCidr, Map<String, Object> facts) {
        Object reported = facts.get("cidr");
        Cidr block = reported instanceof String text && CIDR.matcher(text.trim()).matches() ? parse(text) : null;
        if (block == null) {
            return "PROVISION_NETWORK reported no CIDR block of the new network (fact 'cidr', e.g. \"10.120.0.0/16\"); got "
                    + reported;
        }
        Cidr source = sourceCidr == null ? null : parse(sourceCidr);
        if (source != null && block.overlaps(source)) {
            return "The new network " + block + " overlaps the source's " + source
                    + "; the new environment needs a block of its own";
        }
        return null;
    }

    private static Cidr parse(String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
