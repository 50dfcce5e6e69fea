package io.rehearsal.ui.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.ui.web.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem details, like every other error of the API. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static ServerAuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (exchange, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                return throttled(exchange, json, throttled);
            }
            if (!fromScript(exchange)) {
                exchange.getResponse().getHeaders().set("WWW-Authenticate", "Basic realm=\"Rehearsal\"");
            }
            return write(exchange, json, HttpStatus.UNAUTHORIZED,
                    "Sign in first: send HTTP Basic credentials, or sign in at /login.");
        };
    }

    /**
     * A request a page's script sent: a Basic challenge would make the browser pop up its own password dialog over
     * the dashboard, which signs in on its own page instead. The dashboard marks its requests with
     * X-Requested-With; an EventSource cannot, but the browser says it is no navigation (Sec-Fetch-Mode).
     */
    private static boolean fromScript(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String mode = headers.getFirst("Sec-Fetch-Mode");
        return "XMLHttpRequest".equalsIgnoreCase(headers.getFirst("X-Requested-With"))
                || (mode != null && !mode.equals("navigate"));
    }

    /** A bearer token that is no token, or is unknown, revoked or expired. */
    static ServerAuthenticationEntryPoint invalidToken(ObjectMapper json) {
        return (exchange, e) -> {
            if (e instanceof SignInThrottledException throttled) {
                return throttled(exchange, json, throttled);
            }
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer realm=\"Rehearsal\", error=\"invalid_token\"");
            return write(exchange, json, HttpStatus.UNAUTHORIZED,
                    "The API token is not valid: unknown, revoked or expired. An ADMIN creates a new one.");
        };
    }

    /** A sign-in refused unchecked: the client is told when it may try again. */
    static Mono<Void> throttled(ServerWebExchange exchange, ObjectMapper json, SignInThrottledException e) {
        long seconds = e.retryAfterSeconds();
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return write(exchange, json, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins for this user or from "
                + "this address; the credentials were not checked. Try again in " + seconds + " s.");
    }

    static ServerAccessDeniedHandler forbidden(ObjectMapper json) {
        return (exchange, e) -> exchange.getPrincipal()
                .map(p -> "User '" + p.getName() + "' may not " + exchange.getRequest().getMethod() + " "
                        + exchange.getRequest().getPath() + ": the role it needs is missing.")
                .defaultIfEmpty("Access denied.")
                .flatMap(detail -> write(exchange, json, HttpStatus.FORBIDDEN, detail));
    }

    static ServerAccessDeniedHandler csrfRejected(ObjectMapper json) {
        return (exchange, e) -> write(exchange, json, HttpStatus.FORBIDDEN,
                "A change made with a browser session needs its CSRF token: read it from GET /api/session and "
                        + "send it in the X-CSRF-TOKEN header.");
    }

    static Mono<Void> write(ServerWebExchange exchange, ObjectMapper json, HttpStatus status, String detail) {
        return writeJson(exchange, json, status, MediaType.APPLICATION_PROBLEM_JSON, Problems.of(status, detail));
    }

    static Mono<Void> writeJson(ServerWebExchange exchange, ObjectMapper json, HttpStatus status, MediaType type,
                                Object value) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(type);
        try {
            DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(value));
            return response.writeWith(Mono.just(body));
        } catch (Exception e) {
            return Mono.error(e);
        }
    }
}
