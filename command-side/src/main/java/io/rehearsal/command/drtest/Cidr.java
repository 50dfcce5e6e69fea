package io.rehearsal.command.drtest;

/** An IPv4 CIDR block, just enough arithmetic to tell whether two blocks overlap. */
public record Cidr(long network, int prefix) {

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
