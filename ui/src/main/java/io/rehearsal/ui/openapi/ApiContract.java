package io.rehearsal.ui.openapi;

import io.rehearsal.api.NextStep;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.TestStatus;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springframework.http.HttpMethod;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every operation shares, added in one place: its tag, how to sign in for it, the roles it needs, the
 * errors it can answer (each a problem document), and the form of its query and path parameters. Operations
 * declare with {@code @ApiResponse} only what is their own (202 and Location, 409, 422, other media types).
 */
final class ApiContract {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String SESSION = "session";
    static final String CSRF = "csrf";
    static final String ROLES_EXTENSION = "x-roles";

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<PathItem.HttpMethod> SAFE = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD,
            PathItem.HttpMethod.OPTIONS, PathItem.HttpMethod.TRACE);
    private static final Map<String, String> TAGS = Map.of("environments", "Environments", "dr-tests", "DR tests",
            "audit", "Audit", "reports", "Reports", "admin", "Administration", "session", "Session");

    private ApiContract() {
    }

    static void apply(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> describe(path, method, operation)));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean change = !SAFE.contains(method);
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean query = parameters.stream().anyMatch(p -> "query".equals(p.getIn()));
        boolean pathIds = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));

        String segment = path.split("/").length > 2 ? path.split("/")[2] : "";
        operation.setTags(List.of(TAGS.getOrDefault(segment, "Other")));

        SecurityRequirement session = new SecurityRequirement().addList(SESSION);
        operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC),
                new SecurityRequirement().addList(BEARER), change ? session.addList(CSRF) : session));

        List<String> roles = ApiAccess.rolesFor(HttpMethod.valueOf(method.name()), path);
        ApiAccess.sentence(roles).ifPresent(sentence -> operation.setDescription(
                operation.getDescription() == null ? sentence : operation.getDescription() + "\n\n" + sentence));
        if (!roles.isEmpty()) {
            operation.addExtension(ROLES_EXTENSION, roles);
        }

        boolean optionalBody = body && Boolean.FALSE.equals(operation.getRequestBody().getRequired());
        if (body && !optionalBody) {
            operation.getRequestBody().setRequired(true);
        }
        parameters.forEach(ApiContract::describeParameter);

        ApiResponses responses = operation.getResponses();
        // a success status an operation declares replaces the 200 springdoc assumes for every method
        if (responses.keySet().stream().anyMatch(code -> code.startsWith("2") && !code.equals("200"))) {
            responses.remove("200");
        }
        if (body || query) {
            String strictBody = "The body is not exactly one JSON object with this request's types (malformed, "
                    + "content after it, a key given twice, a number or true/false where text belongs, or text where "
                    + "a number belongs), or it is missing";
            error(responses, "400", body && query ? strictBody + "; or a query parameter cannot be read."
                    : body ? strictBody + "." : "A query parameter cannot be read.");
        }
        error(responses, "401", "No credentials, or wrong ones.");
        if (!roles.isEmpty() || change) {
            error(responses, "403", (roles.isEmpty() ? "" : "The signed-in user lacks the role it needs")
                    + (!roles.isEmpty() && change ? ", or a" : change ? "A" : "")
                    + (change ? " change sent with the browser session lacks its CSRF token." : "."));
        }
        if (pathIds) {
            error(responses, "404", "An id in the path names nothing that exists.");
        }
        if (body) {
            error(responses, "413", "The body is larger than the server reads (256 KB).");
            error(responses, "415", "The body is not sent as " + String.join(" or ",
                    operation.getRequestBody().getContent().keySet()) + ".");
            // every body is read the same strict way: its 422s, whatever the operation's own, include these
            String unacceptable = "A field this request does not have, or text holding a character that cannot be "
                    + "recorded (a lone surrogate, a non-character such as U+FFFE, a control other than tab and line "
                    + "breaks); the detail names the field.";
            ApiResponse own = responses.get("422");
            if (own == null) {
                error(responses, "422", unacceptable);
            } else {
                own.description(own.getDescription() + " Or: " + Character.toLowerCase(unacceptable.charAt(0))
                        + unacceptable.substring(1));
            }
        }
        // JSON lines are read line by line: each line is one item, not the whole body an array
        responses.values().stream().filter(r -> r.getContent() != null)
                .map(r -> r.getContent().get("application/x-ndjson")).filter(java.util.Objects::nonNull)
                .filter(lines -> lines.getSchema() != null && lines.getSchema().getItems() != null)
                .forEach(lines -> lines.setSchema(lines.getSchema().getItems().description("One per line.")));
        // every error is a problem document, whoever declared it
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + OpenApiConfiguration.PROBLEM))));
            }
        });
        // keep status codes in order whatever order they were declared in
        TreeMap<String, ApiResponse> sorted = new TreeMap<>(responses);
        responses.clear();
        responses.putAll(sorted);
    }

    private static void error(ApiResponses responses, String code, String description) {
        responses.computeIfAbsent(code, c -> new ApiResponse().description(description));
    }

    /** The controllers read these as text to answer a 400 of their own; their real form, by name. */
    private static void describeParameter(Parameter parameter) {
        Object defaultValue = parameter.getSchema() == null ? null : parameter.getSchema().getDefault();
        Schema<?> schema = switch (parameter.getName()) {
            case "from", "to", "asOf" -> new StringSchema().format("date-time");
            case "page" -> new IntegerSchema().minimum(java.math.BigDecimal.ZERO);
            case "size" -> new IntegerSchema().minimum(java.math.BigDecimal.ONE);
            case "status" -> enumSchema(Arrays.stream(TestStatus.values()).map(Enum::name).toList());
            case "result" -> enumSchema(Arrays.stream(ReportResult.values()).map(Enum::name).toList());
            case "format" -> enumSchema(List.of("json", "jsonl", "csv"));
            case "envId", "environmentId" -> new StringSchema().pattern(SchemaRules.SLUG);
            case "testId" -> new StringSchema().format("uuid");
            case "stepId" -> enumSchema(Arrays.stream(NextStep.values()).map(NextStep::id).toList());
            default -> parameter.getSchema();
        };
        if (schema instanceof IntegerSchema integer && defaultValue != null) {
            integer.setDefault(Integer.valueOf(defaultValue.toString()));
        } else if (schema != parameter.getSchema() && defaultValue != null) {
            schema.setDefault(defaultValue);
        }
        parameter.setSchema(schema);
    }

    private static Schema<?> enumSchema(List<String> values) {
        StringSchema schema = new StringSchema();
        schema.setEnum(values);
        return schema;
    }
}
