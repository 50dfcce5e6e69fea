package io.rehearsal.command.drtest;

import java.util.List;
import java.util.Optional;

/**
 * An IPv4 CIDR block: whether two overlap (a new network must not overlap its source's), and what an environment's
 * network or WAF rule must be (written as its network address; a network private).
 */
public record Cidr(long network, int prefix) {

    private static final List<Cidr> PRIVATE = List.of(new Cidr(0x0A000000L, 8), new Cidr(0xAC100000L, 12),
            new Cidr(0xC0A80000L, 16)); // RFC 1918

    /** The block exactly as written, host bits included, or empty when the text is no IPv4 CIDR block. */
    public static Optional<Cidr> exact(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
            return Optional.empty();
        }
        try {
            Cidr block = parse(text);
            String[] octets = text.substring(0, text.indexOf('/')).split("\\.");
            long address = 0;
            for (String octet : octets) {
                address = (address << 8) | Integer.parseInt(octet);
            }
            return Optional.of(new Cidr(address, block.prefix()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the host bits are zero, as a block is written. */
    public boolean aligned() {
        return (network & ~mask(prefix) & 0xFFFFFFFFL) == 0;
    }

    public Cidr normalised() {
        return new Cidr(network & mask(prefix), prefix);
    }

    /** Inside one of the RFC 1918 private ranges. */
    public boolean isPrivate() {
        return PRIVATE.stream().anyMatch(range -> prefix >= range.prefix && (network & mask(range.prefix)) == range.network);
    }

    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a CIDR block: " + text);
        }
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
        }
        long address = 0;
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("not an IPv4 CIDR block: " + text);
            }
            address = (address << 8) | value;
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix out of range in " + text);
        }
        return new Cidr(address & mask(prefix), prefix);
    }

    public boolean overlaps(Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        return (network & mask(shorter)) == (other.network & mask(shorter));
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
