package io.rehearsal.ui.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.0/8", "::1", "10.20.0.0/16"));

    private static ServerHttpRequest from(String peer) {
        return MockServerHttpRequest.get("http://rehearsal.example/api/session")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "192.0.2.99").build();
    }

    @Test
    void aTrustedProxysForwardedHeadersAreBelieved() {
        for (String proxy : List.of("127.0.0.1", "::1", "10.20.3.4")) {
            ServerHttpRequest request = proxies.apply(from(proxy));
            assertThat(request.getURI().getScheme()).as(proxy).isEqualTo("https");
            assertThat(request.getRemoteAddress().getHostString()).as(proxy).isEqualTo("192.0.2.99");
            assertThat(request.getHeaders().containsKey("X-Forwarded-Proto")).isFalse();
        }
    }

    @Test
    void anyoneElsesForwardedHeadersAreDroppedUnread() {
        for (String client : List.of("203.0.113.5", "10.21.0.1", "2001:db8::1")) {
            ServerHttpRequest request = proxies.apply(from(client));
            assertThat(request.getURI().getScheme()).as(client).isEqualTo("http");
            assertThat(request.getRemoteAddress().getAddress().getHostAddress()).as(client)
                    .isEqualTo(new InetSocketAddress(client, 1).getAddress().getHostAddress());
            assertThat(request.getHeaders().containsKey("X-Forwarded-For")).as(client).isFalse();
        }
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsRefusedAtStart() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example.com")))
                .hasMessageContaining("'proxy.example.com' is no IP address or CIDR block");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
    }
}
