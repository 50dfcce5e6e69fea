package io.rehearsal.ui.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;

/**
 * Problem documents for the refusals that happen before any controller: the path firewall's, a body over the
 * size limit read by a filter (the sign-in form), any other failure in a filter, and the HTTP server's own
 * refusals of an over-long address or oversized headers. Each is a 4xx with a detail and no stack trace in the
 * log; only a failure that is a defect of Rehearsal is a 500, logged once with its cause.
 */
@Configuration(proxyBeanMethods = false)
class ErrorBodies {

    private static final Logger log = LoggerFactory.getLogger(ErrorBodies.class);

    private final ObjectMapper json;
    private final DataSize bodyLimit;

    ErrorBodies(ObjectMapper json, @Value("${spring.codec.max-in-memory-size:256KB}") DataSize bodyLimit) {
        this.json = json;
        this.bodyLimit = bodyLimit;
    }

    static ProblemDetail tooLarge(DataSize limit) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than Rehearsal accepts ("
                + limit.toKilobytes() + " KB).");
    }

    /** The path firewall (encoded slashes, "..", ";" and the like): a 400 that says so. */
    @Bean
    ServerExchangeRejectedHandler firewallRefusals() {
        return (exchange, e) -> {
            log.debug("Refused {}: {}", exchange.getRequest().getMethod(), e.getMessage());
            return write(exchange, Problems.of(HttpStatus.BAD_REQUEST, "The request address was refused: it holds "
                    + "encoded slashes, dots or other characters Rehearsal does not accept in a path."));
        };
    }

    /** Failures outside the controllers, answered before Spring Boot's own handler would log and render them. */
    @Bean
    @Order(-2)
    WebExceptionHandler filterFailures() {
        return (exchange, e) -> {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(e);
            }
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof DataBufferLimitException) {
                    return write(exchange, tooLarge(bodyLimit));
                }
            }
            if (e instanceof ResponseStatusException status && !status.getStatusCode().is5xxServerError()) {
                String detail = status.getBody().getDetail() != null ? status.getBody().getDetail()
                        : "The request was refused (" + status.getStatusCode().value() + ").";
                return write(exchange, Problems.of(status.getStatusCode().value(), detail));
            }
            if (e instanceof ResponseStatusException status) {
                log.error("{} {} failed: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        status.getMessage());
                return write(exchange, Problems.of(status.getStatusCode().value(),
                        "Rehearsal could not complete the request; nothing was changed unless the logs say otherwise."));
            }
            log.error("Unexpected failure while serving {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), e);
            return write(exchange, Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                    "Rehearsal could not complete the request; nothing was changed unless the logs say otherwise."));
        };
    }

    private Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            return response.writeWith(Mono.just(response.bufferFactory().wrap(json.writeValueAsBytes(problem))));
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
    }

    /** The HTTP server answers an address or headers over its limits itself, with an empty body: it gets one. */
    @Bean
    NettyServerCustomizer problemBodiesForRefusedRequests() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "rehearsal.problemBodies", new EmptyRefusals(json));
            }
        });
    }

    /**
     * Gives an empty 4xx the server wrote by itself (no content type: every answer of the application has one) a
     * problem document; an answer to HEAD stays empty, as HTTP wants.
     */
    static final class EmptyRefusals extends ChannelDuplexHandler {

        private final ObjectMapper json;
        private boolean head;

        EmptyRefusals(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                head = HttpMethod.HEAD.equals(request.method());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse response && !head && response.status().code() >= 400
                    && response.status().code() < 500 && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                int code = response.status().code();
                byte[] body = json.writeValueAsBytes(Problems.of(code, detail(code)));
                FullHttpResponse filled = response.replace(Unpooled.wrappedBuffer(body));
                response.release();
                filled.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                ctx.write(filled, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        private static String detail(int code) {
            return switch (code) {
                case 414 -> "The request address is longer than Rehearsal accepts.";
                case 431 -> "The request's headers are larger than Rehearsal accepts.";
                case 413 -> "The request is larger than Rehearsal accepts.";
                case 400 -> "The request is not valid HTTP.";
                default -> "The request was refused (" + code + ").";
            };
        }
    }
}
