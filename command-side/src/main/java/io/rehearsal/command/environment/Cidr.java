package io.rehearsal.command.environment;

import java.util.List;
import java.util.Optional;

/** An IPv4 CIDR block as an environment's network or a WAF rule names it. */
record Cidr(long network, int prefix) {

    private static final List<Cidr> PRIVATE = List.of(new Cidr(0x0A000000L, 8), new Cidr(0xAC100000L, 12),
            new Cidr(0xC0A80000L, 16)); // RFC 1918

    /** The block, or empty when the text is no IPv4 CIDR block; {@link #aligned} says whether host bits are zero. */
    static Optional<Cidr> parse(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
            return Optional.empty();
        }
        String[] parts = text.split("/");
        int prefix = Integer.parseInt(parts[1]);
        if (prefix > 32) {
            return Optional.empty();
        }
        long address = 0;
        for (String octet : parts[0].split("\\.")) {
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            address = (address << 8) | value;
        }
        return Optional.of(new Cidr(address, prefix));
    }

    boolean aligned() {
        return (network & ~mask(prefix) & 0xFFFFFFFFL) == 0;
    }

    Cidr normalised() {
        return new Cidr(network & mask(prefix), prefix);
    }

    boolean isPrivate() {
        return PRIVATE.stream().anyMatch(range -> prefix >= range.prefix && range.contains(network));
    }

    private boolean contains(long address) {
        return (address & mask(prefix)) == network;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
