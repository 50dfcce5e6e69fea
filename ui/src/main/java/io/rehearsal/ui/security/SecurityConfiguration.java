package io.rehearsal.ui.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.command.RehearsalProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.Set;

/**
 * HTTP Basic for API clients, a login session for browsers. Every change a browser could be tricked into
 * sending needs a CSRF token: one on a session cookie, and one sent cross-site (a browser may attach Basic
 * credentials it remembers). API clients that send their own credentials from no web page need none.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({UserAccounts.UsersProperties.class, SecurityProperties.class})
class SecurityConfiguration {

    static final String SESSION_COOKIE = "SESSION";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            // Mantine, the dashboard's component library, sets its CSS variables in a style element at run time
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ObjectMapper json,
                                                  UserAccounts.Directory users, PasswordEncoder encoder,
                                                  SignInThrottle throttle, ApiTokens tokens, Clock clock) {
        ServerCsrfTokenRepository csrfTokens = new CsrfCookies();
        return http
                .authenticationManager(new PasswordAuthentication(users, encoder, users.dummyHash(), throttle))
                // machines: a bearer token, checked before any password, with one role of its own
                .addFilterAt(BearerTokens.filter(tokens, clock, throttle, ProblemResponses.invalidToken(json)),
                        SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchange -> exchange
                        // a backup tool's token may do this and nothing else
                        .pathMatchers(HttpMethod.POST, "/api/environments/*/backups")
                        .hasAnyRole(Roles.ADMIN, Roles.BACKUP_AGENT)
                        .pathMatchers(HttpMethod.POST, "/api/environments/*/dr-tests").hasRole(Roles.OPERATOR)
                        .pathMatchers(HttpMethod.POST, "/api/environments", "/api/environments/*/retire")
                        .hasRole(Roles.ADMIN)
                        .pathMatchers(HttpMethod.PUT, "/api/environments/*/configuration", "/api/environments/*/targets",
                                "/api/environments/*/dr").hasRole(Roles.ADMIN)
                        .pathMatchers(HttpMethod.POST, "/api/dr-tests/*/resume").hasRole(Roles.ADMIN)
                        .pathMatchers(HttpMethod.PUT, "/api/dr-tests/*/report").hasRole(Roles.OPERATOR)
                        .pathMatchers(HttpMethod.POST, "/api/dr-tests/*/next-steps/*").hasRole(Roles.OPERATOR)
                        .pathMatchers("/api/admin/**").hasRole(Roles.ADMIN)
                        .pathMatchers("/api/audit", "/api/audit/**").hasAnyRole(Roles.AUDITOR, Roles.ADMIN)
                        // the sign-in page asks who is signed in, and for the CSRF token its form must send
                        .pathMatchers(HttpMethod.GET, "/api/session").permitAll()
                        .pathMatchers("/api/**").hasAnyRole(Roles.PEOPLE)
                        // probes and the API description are for orchestrators and clients before they sign in
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .pathMatchers("/actuator/prometheus").hasAnyRole(Roles.PEOPLE)
                        .pathMatchers("/actuator/**").hasRole(Roles.ADMIN)
                        // the rest is the dashboard's pages and files, sign-in included: it holds no data
                        .anyExchange().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(ProblemResponses.unauthorized(json)))
                // the dashboard renders /login; its POST signs in (a JSON answer for the dashboard, redirects for a form)
                .formLogin(login -> login.loginPage("/login")
                        .authenticationEntryPoint(ProblemResponses.unauthorized(json))
                        .authenticationSuccessHandler(SignIn.succeeded(json, csrfTokens))
                        .authenticationFailureHandler(SignIn.failed(json)))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutHandler(SignIn.signOut())
                        .logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.unauthorized(json))
                        .accessDeniedHandler(ProblemResponses.forbidden(json)))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .accessDeniedHandler(ProblemResponses.csrfRejected(json))
                        .requireCsrfProtectionMatcher(exchange -> {
                            boolean unsafe = !SAFE.contains(exchange.getRequest().getMethod());
                            return unsafe && forgeable(exchange) ? ServerWebExchangeMatcher.MatchResult.match()
                                    : ServerWebExchangeMatcher.MatchResult.notMatch();
                        }))
                // the Content-Security-Policy comes from contentSecurityPolicy() below, which covers every answer
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /**
     * The Content-Security-Policy on every answer, set before anything else runs: also on those that Spring
     * Security's own filters write before its header writer is reached (the firewall's refusal of a malformed path).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter contentSecurityPolicy() {
        return (exchange, chain) -> {
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                if (!headers.containsKey("Content-Security-Policy")) {
                    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                }
            }));
            return chain.filter(exchange);
        };
    }

    /**
     * A change a browser could be made to send by another site: one riding on a session cookie, or one a browser
     * sends cross-site (it may attach Basic credentials it remembers). API clients of our own send neither.
     */
    static boolean forgeable(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        // a browser that holds a session, or the CSRF cookie (its sign-in page read the token), sends cookies
        // another site's page can make it send too
        if (exchange.getRequest().getCookies().containsKey(SESSION_COOKIE)
                || exchange.getRequest().getCookies().containsKey(CsrfCookies.COOKIE)) {
            return true;
        }
        String fetchSite = headers.getFirst("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = headers.getOrigin();
        if (origin != null) {
            java.net.URI self = exchange.getRequest().getURI();
            java.net.URI from;
            try {
                from = new java.net.URI(origin);
            } catch (java.net.URISyntaxException e) {
                return true; // no origin of ours: treated as another site's, so the CSRF check answers it
            }
            return !(from.getHost() != null && from.getHost().equals(self.getHost()) && from.getPort() == self.getPort());
        }
        return false;
    }

    /**
     * The users, as a lookup only. Handed over as the map itself, Spring Security would also use it to "upgrade"
     * every password to its default bcrypt cost of 10 on first use ({@code {noop}} ones, and the generated users'
     * deliberately cheap cost 4): from then on every HTTP Basic request cost about 100 ms of CPU.
     */
    @Bean
    UserAccounts.Directory userDetailsService(UserAccounts.UsersProperties users, RehearsalProperties properties) {
        return new UserAccounts.Directory(UserAccounts.load(users, properties));
    }

    @Bean
    SignInThrottle signInThrottle(SecurityProperties security, MeterRegistry metrics) {
        return new SignInThrottle(security.signInThrottle(), metrics);
    }

    /** Replaces Spring's framework strategy (which trusts every client) by one that trusts the configured proxies. */
    @Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
    ForwardedHeaderTransformer forwardedHeaderTransformer(SecurityProperties security) {
        return new TrustedProxies(security.trustedProxies());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return UserAccounts.passwordEncoder();
    }
}
