package io.rehearsal.ui.dashboard;

import io.rehearsal.ui.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * The dashboard, a single-page application built into {@code classpath:/static/}: its files as they are, and its
 * {@code index.html} for every other page path, so a deep link or a reload lands in the application, which routes
 * it. The API, the actuator and the API description keep their own 404s.
 */
@Configuration(proxyBeanMethods = false)
class DashboardRoutes {

    static final List<String> NOT_DASHBOARD = List.of("/api/", "/actuator/", "/v3/");

    /** Hashed file names change with their content: a browser may keep them for good. */
    static final String ASSETS_CACHE = "public, max-age=31536000, immutable";
    /** The page names the assets of the current build: always revalidated, so a new release is picked up. */
    static final String INDEX_CACHE = CacheControl.noCache().getHeaderValue();

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE) // after any other router function: it answers every page path
    RouterFunction<ServerResponse> dashboard() {
        return routes(new ClassPathResource("static/"));
    }

    static RouterFunction<ServerResponse> routes(ClassPathResource location) {
        Resource index = createRelative(location, "index.html");
        String assets = location.getPath() + "assets/";
        // a jar's contents do not change while it runs: whether it holds the front end is known once
        boolean built = index.isReadable();
        Function<ServerRequest, Mono<Resource>> files = RouterFunctions.resourceLookupFunction("/**", location);
        Function<ServerRequest, Mono<Resource>> lookup = request -> !dashboardPath(request) ? Mono.empty()
                : files.apply(request).switchIfEmpty(Mono.defer(() -> built && !underAssets(request)
                        ? Mono.just(index) : Mono.empty()));
        return RouterFunctions.resources(lookup, (resource, headers) -> headers.setCacheControl(
                        resource instanceof ClassPathResource file && file.getPath().startsWith(assets)
                                ? ASSETS_CACHE : INDEX_CACHE))
                .andRoute(request -> !built && dashboardPath(request) && !underAssets(request),
                        request -> ServerResponse.status(HttpStatus.NOT_FOUND)
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                .bodyValue(Problems.of(HttpStatus.NOT_FOUND, "This build of Rehearsal holds no "
                                        + "dashboard (it was built without the front end); the HTTP API is under "
                                        + "/api/.")));
    }

    /** A page or a file of the dashboard: read with GET or HEAD, and not under a path of the API. */
    private static boolean dashboardPath(ServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String path = request.path();
        return NOT_DASHBOARD.stream().noneMatch(prefix -> path.startsWith(prefix)
                || path.equals(prefix.substring(0, prefix.length() - 1)));
    }

    /**
     * A hashed file the build does not hold (a page of an older release asking for it) is a 404: answered with the
     * page, a browser would try to run HTML as a script.
     */
    private static boolean underAssets(ServerRequest request) {
        return request.path().startsWith("/assets/");
    }

    private static Resource createRelative(Resource location, String path) {
        try {
            return location.createRelative(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot locate the dashboard's " + path, e);
        }
    }
}
