package io.rehearsal.ui.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

import java.time.Duration;

/**
 * No client holds a connection by sending half a request. Between requests, and while a request's line and
 * headers are coming in, {@code server.netty.idle-timeout} closes the connection (reactor-netty's idle handler
 * sits after the HTTP codec, so header bytes trickled in do not reset it). Once the headers are in, a body that
 * pauses longer than {@code rehearsal.web.read-timeout}, or takes longer than {@code rehearsal.web.request-timeout}
 * in all, ends the connection. Neither applies to a response being written, so the progress streams (a heartbeat
 * every {@code rehearsal.web.heartbeat}) stay open as long as they need.
 */
@Component
class ConnectionTimeouts implements NettyServerCustomizer {

    private final Duration readTimeout;
    private final Duration requestTimeout;

    ConnectionTimeouts(@Value("${rehearsal.web.read-timeout:20s}") Duration readTimeout,
                       @Value("${rehearsal.web.request-timeout:60s}") Duration requestTimeout) {
        this.readTimeout = readTimeout;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.readTimeout(readTimeout).requestTimeout(requestTimeout);
    }
}
