package io.rehearsal.ui.openapi;

import io.rehearsal.api.DrTestId;
import io.rehearsal.api.EnvironmentId;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * The API description at /v3/api-docs, the source of the dashboard's generated client: what springdoc reads
 * from the controllers, made truthful by {@link ApiContract} (statuses, media types, problems, security) and
 * {@link SchemaRules} (names, required properties, enums).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    static final String TEST_REF = "DrTestRef";

    static {
        // how the application's ObjectMapper writes them: ISO-8601 durations, ids as their plain string
        SpringDocUtils.getConfig()
                .replaceWithSchema(Duration.class, new StringSchema().format("duration")
                        .description("An ISO-8601 duration, e.g. PT1M40S.").example("PT1M40S"))
                .replaceWithSchema(DrTestId.class, new StringSchema().format("uuid"))
                .replaceWithSchema(EnvironmentId.class, new StringSchema().pattern(SchemaRules.SLUG));
    }

    @Bean
    OpenAPI rehearsalOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Rehearsal API").version("0.1.0").description("""
                        Disaster-recovery tests of hosted environments, and their evidence: start a test, follow \
                        its progress, edit its report, close its next steps, read and export the audit trail.

                        JSON over HTTP. Errors are `application/problem+json` (RFC 9457) whose `detail` says what \
                        to change. Instants are ISO-8601 UTC date-times, durations ISO-8601 durations such as \
                        `PT1M40S`. A property without a value is left out of an answer, never sent as `null`.

                        Sign in with HTTP Basic, with an API token (`Authorization: Bearer rh.<name>.<secret>`, \
                        created by an ADMIN), or with the browser session (cookie `SESSION`) that `/login` \
                        opens; a change sent with the session needs the CSRF token of `GET /api/session` in the \
                        `X-CSRF-TOKEN` header. Each operation says which roles it needs; an ADMIN holds \
                        OPERATOR and AUDITOR too; the role BACKUP_AGENT, held by tokens only, may only record \
                        backups."""))
                .servers(List.of(new Server().url("/"))) // not the generated one, which names the port it ran on
                .tags(List.of(
                        new Tag().name("Environments").description("Environments, the start of a test, trends"),
                        new Tag().name("DR tests").description("History, progress, report, next steps, audit trail"),
                        new Tag().name("Audit").description("The system-wide audit trail"),
                        new Tag().name("Reports").description("Compliance reporting"),
                        new Tag().name("Administration").description("Simulator faults, projection rebuild"),
                        new Tag().name("Session").description("The signed-in user")))
                .components(new Components()
                        .addSecuritySchemes(ApiContract.BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("HTTP Basic, for API clients."))
                        .addSecuritySchemes(ApiContract.BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API token, for machines: its name is the actor of "
                                        + "what it does, and it holds one role."))
                        .addSecuritySchemes(ApiContract.SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("SESSION")
                                .description("The browser session opened by signing in at /login."))
                        .addSecuritySchemes(ApiContract.CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-CSRF-TOKEN")
                                .description("The CSRF token of GET /api/session; a change sent with the session "
                                        + "needs it.")));
    }

    @Bean
    OpenApiCustomizer truthfulDescription() {
        return api -> {
            // here rather than on the bean above: springdoc replaces the schemas with those it found
            api.getComponents()
                    .addSchemas(PROBLEM, new ObjectSchema()
                            .description("A problem (RFC 9457); detail says what to change.")
                            .addProperty("type", new StringSchema().format("uri")
                                    .example("https://rehearsal.io/problems/conflict"))
                            .addProperty("title", new StringSchema().example("Conflict"))
                            .addProperty("status", new IntegerSchema().example(409))
                            .addProperty("detail", new StringSchema())
                            .addProperty("instance", new StringSchema().format("uri-reference")
                                    .description("The path the problem happened on."))
                            .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema()
                                    .description("On a 422 for a request's content: every invalid field, by its "
                                            + "path in the body (e.g. configuration.network.vpcCidr).")
                                    .items(new ObjectSchema()
                                            .addProperty("field", new StringSchema())
                                            .addProperty("message", new StringSchema())
                                            .required(List.of("field", "message"))))
                            .required(List.of("type", "title", "status")))
                    .addSchemas(TEST_REF, new ObjectSchema()
                            .description("The test a start or a resume answers with.")
                            .addProperty("testId", new StringSchema().format("uuid"))
                            .required(List.of("testId")));
            SchemaRules.apply(api);
            ApiContract.apply(api);
        };
    }
}
