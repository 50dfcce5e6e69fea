package io.rehearsal.ui.security;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * {@code Forwarded} and {@code X-Forwarded-*} headers, believed only from the proxies Rehearsal is told to trust
 * ({@code rehearsal.security.trusted-proxies}): from them the scheme ({@code https}: Secure cookies, HSTS), the host
 * and the client's address (which the sign-in throttle counts by) are taken; from anybody else the headers are
 * dropped unread, so a client cannot pose as another address or as HTTPS. Spring's own framework strategy would
 * believe every client.
 */
final class TrustedProxies extends ForwardedHeaderTransformer {

    /** An address, or a block of them: {@code 10.0.0.0/8}, {@code ::1}. */
    record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new UnknownHostException(parts[0]); // a literal address only: no name is looked up
                }
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new NumberFormatException();
                }
                return new Block(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("rehearsal.security.trusted-proxies: '" + text
                        + "' is no IP address or CIDR block");
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (bytes[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> trusted;
    private final ForwardedHeaderTransformer dropOnly = new ForwardedHeaderTransformer();

    TrustedProxies(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(Block::parse).toList();
        dropOnly.setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
        return fromTrustedProxy(request.getRemoteAddress()) ? super.apply(request) : dropOnly.apply(request);
    }

    private boolean fromTrustedProxy(InetSocketAddress peer) {
        if (peer == null || peer.getAddress() == null) {
            return false;
        }
        return trusted.stream().anyMatch(block -> block.contains(peer.getAddress()));
    }
}
