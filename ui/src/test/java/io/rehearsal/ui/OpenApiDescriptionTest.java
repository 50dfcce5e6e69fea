package io.rehearsal.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description the dashboard's client is generated from: the checked-in copy is what the running
 * application describes, and the description tells the truth where it matters most.
 */
class OpenApiDescriptionTest extends RunningApplicationTest {

    /** Where the front end's build reads it (relative to the ui module, the tests' working directory). */
    static final Path CHECKED_IN = Path.of("src", "main", "frontend", "openapi.json");
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCheckedInDescriptionIsWhatTheApplicationDescribes() throws IOException {
        String current = normalised(description());
        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, current, StandardCharsets.UTF_8);
        }
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";

        assertThat(checkedIn)
                .as("ui/%s differs from GET /v3/api-docs; if the API change is meant, regenerate it with "
                        + "./mvnw -pl ui -am verify -Dtest=OpenApiDescriptionTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dopenapi.write=true, review the diff and commit it with the change", CHECKED_IN)
                .isEqualTo(current);
    }

    @Test
    void theStartAnswers202WithLocationAndProblemsOn409And422() {
        JsonNode responses = operation("post", "/api/environments/{envId}/dr-tests").path("responses");

        assertThat(responses.has("200")).isFalse();
        assertThat(responses.path("202").path("headers").has("Location")).isTrue();
        assertThat(responses.path("202").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/DrTestRef");
        for (String status : List.of("400", "401", "403", "404", "409", "413", "415", "422")) {
            assertThat(problemRef(responses.path(status))).as(status).isEqualTo(PROBLEM);
        }
    }

    @Test
    void changesAnswerWithTheirRealSuccessStatus() {
        assertThat(operation("put", "/api/dr-tests/{testId}/report").path("responses").fieldNames())
                .toIterable().contains("204").doesNotContain("200");
        assertThat(operation("post", "/api/dr-tests/{testId}/next-steps/{stepId}").path("responses").fieldNames())
                .toIterable().contains("204").doesNotContain("200");
        assertThat(operation("post", "/api/dr-tests/{testId}/resume").path("responses").path("202")
                .path("headers").has("Location")).isTrue();
    }

    @Test
    void theReportPdfIsApplicationPdfAndTheStreamIsServerSentEvents() {
        assertThat(operation("get", "/api/dr-tests/{testId}/report.pdf").path("responses").path("200").path("content")
                .fieldNames()).toIterable().containsExactly("application/pdf");
        assertThat(operation("get", "/api/dr-tests/{testId}/stream").path("responses").path("200").path("content")
                .fieldNames()).toIterable().containsExactly("text/event-stream");
        assertThat(operation("get", "/api/dr-tests/{testId}/audit").path("responses").path("200").path("content")
                .fieldNames()).toIterable().containsExactlyInAnyOrder("application/json", "application/x-ndjson", "text/csv");
        assertThat(operation("get", "/api/audit").path("responses").path("200").path("content").fieldNames())
                .toIterable().containsExactlyInAnyOrder("application/json", "application/x-ndjson");
    }

    @Test
    void everyOperationHas401WithTheProblemSchemaAndEveryErrorIsAProblem() {
        operations().forEach((name, operation) -> {
            assertThat(problemRef(operation.path("responses").path("401"))).as(name).isEqualTo(PROBLEM);
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4")) {
                    assertThat(problemRef(response.getValue())).as(name + " " + response.getKey()).isEqualTo(PROBLEM);
                }
            });
        });
    }

    @Test
    void noMediaTypeIsAWildcard() {
        assertThat(description().toString()).doesNotContain("*/*");
    }

    @Test
    void schemasSayWhatIsAlwaysThereAndInWhichForm() {
        JsonNode schemas = description().path("components").path("schemas");
        JsonNode view = schemas.path("DrTestView");

        assertThat(texts(view.path("required"))).contains("testId", "status", "startedAt", "steps", "rpo")
                .doesNotContain("endedAt", "rto", "failedStep", "failureReason", "reason");
        assertThat(view.path("properties").path("startedAt").path("format").asText()).isEqualTo("date-time");
        assertThat(view.path("properties").path("rpo").path("format").asText()).isEqualTo("duration");
        assertThat(texts(view.path("properties").path("status").path("enum"))).containsExactly("RUNNING", "COMPLETED", "FAILED");
        assertThat(texts(schemas.path("StepView").path("properties").path("step").path("enum")))
                .startsWith("LOCK_SOURCE").endsWith("ACTIVATE").hasSize(9);
        assertThat(texts(schemas.path("ReportEditRequest").path("properties").path("result").path("enum")))
                .containsExactly("SUCCESSFUL", "SUCCESSFUL_WITH_ISSUES", "UNSUCCESSFUL", "NOT_EVALUATED");
        assertThat(schemas.path("ReportEditRequest").path("properties").path("reason").path("nullable").asBoolean()).isTrue();
        assertThat(texts(schemas.path("Problem").path("required"))).containsExactly("type", "title", "status");
        assertThat(operation("put", "/api/dr-tests/{testId}/report").path("requestBody").path("required").asBoolean())
                .isTrue();
        // no schema keeps a Java class's nested or generic name
        assertThat(texts(fieldNames(schemas))).doesNotContain("Item", "Entry", "Page", "Result", "ServerSentEventDrTestView");
    }

    @Test
    void signingInIsBasicOrTheSessionWithItsCsrfTokenForChanges() {
        JsonNode schemes = description().path("components").path("securitySchemes");
        assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("session").path("in").asText()).isEqualTo("cookie");
        assertThat(schemes.path("session").path("name").asText()).isEqualTo("SESSION");
        assertThat(schemes.path("csrf").path("name").asText()).isEqualTo("X-CSRF-TOKEN");

        assertThat(operation("put", "/api/dr-tests/{testId}/report").path("security").toString())
                .isEqualTo("[{\"basic\":[]},{\"bearer\":[]},{\"csrf\":[],\"session\":[]}]");
        assertThat(operation("get", "/api/environments").path("security").toString())
                .isEqualTo("[{\"basic\":[]},{\"bearer\":[]},{\"session\":[]}]");
    }

    /**
     * The roles the description names are the ones the server enforces: whoever holds none of them gets a 403, and
     * an operation that names none is open to every signed-in user. Only refusals and reads are sent, so nothing changes.
     */
    @Test
    void theDocumentedRolesAreTheOnesTheServerEnforces() {
        Map<String, List<String>> held = Map.of("operator", List.of("OPERATOR"), "auditor", List.of("AUDITOR"),
                "admin", List.of("ADMIN", "OPERATOR", "AUDITOR"));
        List<String> checked = new ArrayList<>();
        operations().forEach((name, operation) -> {
            String method = name.substring(0, name.indexOf(' '));
            String path = name.substring(name.indexOf(' ') + 1)
                    .replace("{envId}", "no-such-environment")
                    .replace("{testId}", "00000000-0000-0000-0000-000000000000")
                    .replace("{stepId}", "recreate-vpn")
                    .replace("{name}", "no-such-token")
                    .replace("{processingGroup}", "reports");
            List<String> roles = texts(operation.path("x-roles"));
            held.forEach((user, hasRoles) -> {
                boolean allowed = roles.isEmpty() || roles.stream().anyMatch(hasRoles::contains);
                if (allowed && !method.equals("GET")) {
                    return; // it would change something
                }
                HttpStatus status = HttpStatus.resolve(as(user).method(HttpMethod.valueOf(method)).uri(path)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                        .returnResult(String.class).getStatus().value());
                checked.add(name + " as " + user);
                if (allowed) {
                    assertThat(status).as(name + " as " + user).isNotEqualTo(HttpStatus.FORBIDDEN);
                } else {
                    assertThat(status).as(name + " as " + user).isEqualTo(HttpStatus.FORBIDDEN);
                }
            });
        });
        assertThat(checked).contains("POST /api/environments/{envId}/dr-tests as auditor",
                "POST /api/dr-tests/{testId}/resume as operator", "GET /api/audit as operator");
    }

    private JsonNode description() {
        byte[] body = web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("GET /v3/api-docs is not JSON", e);
        }
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        description().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue())));
        assertThat(operations).hasSizeGreaterThan(20);
        return operations;
    }

    private JsonNode operation(String method, String path) {
        JsonNode operation = description().path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path + " is described").isFalse();
        return operation;
    }

    private static String problemRef(JsonNode response) {
        return response.path("content").path("application/problem+json").path("schema").path("$ref").asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static JsonNode fieldNames(JsonNode object) {
        var names = JSON.createArrayNode();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Keys sorted at every level, two-space indentation, one trailing newline: a diff shows only real changes. */
    static String normalised(JsonNode description) throws JsonProcessingException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(sorted(description)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
