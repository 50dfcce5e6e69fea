package io.rehearsal.ui.web;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Keeps a kept-alive connection reading after each response it finishes. reactor-netty reads a connection on
 * demand and asks for the next read once a response is written, except on one path: a request that came in before
 * the previous response was finished waits in its queue, is answered from there at once (a dashboard file, say),
 * and the queue then drains without asking for a read, so the connection's next request is never read
 * (reactor/reactor-netty#4361; Spring Boot 3.5 brings 1.2.11, and the newest releases, 1.2.18 and 1.3.8, still
 * drain that queue without a read). A browser that sends its next request as soon as an answer is in met it within
 * a few dozen to a few hundred requests: the request hung until the connection closed. Asking for one more read
 * after a response's last part is written closes that path; a read asked for while one is pending changes nothing,
 * and one that reads the next request early only queues it, as the server does for any request sent before the
 * last answer was finished.
 */
@Component
class KeepAliveReads implements NettyServerCustomizer {

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                // between the codec and reactor-netty's handler: it sees every response part that handler writes
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "rehearsal.keepAliveReads", new ReadAfterResponse());
            }
        });
    }

    static final class ReadAfterResponse extends ChannelDuplexHandler {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean last = msg instanceof LastHttpContent;
            ctx.write(msg, promise);
            if (last) {
                // reactor-netty's handler queues the drain of its queue as a task right after this write returns; a
                // task queued from a task queued now runs after that drain, so a request read then is never taken
                // for the rest of one still queued
                ctx.executor().execute(() -> ctx.executor().execute(ctx::read));
            }
        }
    }
}
