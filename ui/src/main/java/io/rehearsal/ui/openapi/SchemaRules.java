package io.rehearsal.ui.openapi;

import io.rehearsal.api.NextStep;
import io.rehearsal.api.ReportResult;
import io.rehearsal.api.TestStatus;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The schemas as the generated client should see them: clear names instead of nested record names, and which
 * properties are always there. Springdoc cannot know the latter: a record component may be null, and the
 * application then leaves the property out ({@code default-property-inclusion: non_null}). So every property is
 * required except those listed here as optional; in a request body an optional property may also be null.
 */
final class SchemaRules {

    static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$";

    private static final Map<String, String> NAMES = Map.ofEntries(
            // InventoryPlan.Item; the preconditions' own record is named Precondition, so the two never share a name
            Map.entry("Item", "InventoryPlanItem"),
            Map.entry("Entry", "SystemAuditEntry"),
            Map.entry("Page", "SystemAuditPage"),
            Map.entry("Point", "TrendPoint"),
            Map.entry("Edit", "ReportEdit"),
            Map.entry("Change", "ReportChange"),
            Map.entry("Result", "RebuildResult"),
            Map.entry("Faults", "SimulatorFaults"),
            Map.entry("SessionView", "Session"),
            Map.entry("StartTestRequest", "StartDrTestRequest"),
            Map.entry("EditRequest", "ReportEditRequest"),
            Map.entry("NextStepRequest", "NextStepUpdate"));

    /** Per schema, the properties that can be absent (null in the record); every other one is always there. */
    private static final Map<String, Set<String>> OPTIONAL = Map.ofEntries(
            Map.entry("AuditEntry", Set.of("actor", "hash", "previousHash")),
            Map.entry("AuditTrail", Set.of()),
            Map.entry("AuditVerification", Set.of("brokenAtSequence", "brokenAtType", "reason")),
            Map.entry("BackupRef", Set.of()),
            Map.entry("ComplianceReport", Set.of()),
            Map.entry("EnvironmentCompliance", Set.of("lastTest", "nextTestDue")),
            Map.entry("DatabaseConfiguration", Set.of()),
            Map.entry("FrontEndConfiguration", Set.of()),
            Map.entry("NetworkConfiguration", Set.of()),
            Map.entry("KeptConfiguration", Set.of()),
            Map.entry("ExternalConnection", Set.of()),
            Map.entry("EnvironmentConfiguration", Set.of()),
            Map.entry("EnvironmentView", Set.of("drRegion", "lastBackup", "activeTestId")),
            Map.entry("Targets", Set.of()),
            Map.entry("DrTestHistoryPage", Set.of()),
            Map.entry("DrTestSummary", Set.of("endedAt", "rto", "failedStep", "fullRto")),
            Map.entry("DrTestView", Set.of("reason", "endedAt", "rto", "failedStep", "failureReason")),
            Map.entry("StepView", Set.of("startedAt", "endedAt", "failureReason")),
            Map.entry("DrTestReport", Set.of("endedAt", "failedStep", "failureReason", "automatedRto", "fullRto",
                    "fullyRestoredAt", "reason", "observations", "asOf")),
            Map.entry("ParityRow", Set.of()),
            Map.entry("NextStepView", Set.of("updatedBy", "updatedAt")),
            Map.entry("NextStepsView", Set.of("fullyRestoredAt", "fullRto")),
            Map.entry("ReportEdit", Set.of()),
            Map.entry("ReportChange", Set.of("from", "to")),
            Map.entry("Trend", Set.of()),
            Map.entry("TrendPoint", Set.of("automatedRto", "fullRto")),
            Map.entry("PreconditionsResponse", Set.of("lastBackup", "dataLossWindow")),
            Map.entry("Precondition", Set.of()),
            Map.entry("InventoryPlan", Set.of()),
            Map.entry("InventoryPlanItem", Set.of()),
            Map.entry("SystemAuditEntry", Set.of("actor", "hash")),
            Map.entry("SystemAuditPage", Set.of()),
            Map.entry("Session", Set.of("csrfHeaderName", "csrfToken")),
            Map.entry("SimulatorFaults", Set.of()),
            Map.entry("RebuildResult", Set.of()),
            Map.entry("NewApiToken", Set.of("expiresAt")),
            Map.entry("ApiTokenView", Set.of("expiresAt", "revokedAt", "revokedBy", "lastUsedAt")),
            // request bodies
            Map.entry("StartDrTestRequest", Set.of("reason")),
            Map.entry("ReportEditRequest", Set.of("reason", "result", "observations")),
            Map.entry("NextStepUpdate", Set.of("note")),
            Map.entry("ApiTokenRequest", Set.of("expiresAt")));

    private static final Set<String> REQUESTS = Set.of("StartDrTestRequest", "ReportEditRequest", "NextStepUpdate",
            "ApiTokenRequest");

    private SchemaRules() {
    }

    static void apply(OpenAPI api) {
        rename(api);
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        OPTIONAL.forEach((name, optional) -> {
            Schema<?> schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            List<String> required = new ArrayList<>();
            schema.getProperties().forEach((property, value) -> {
                if (!optional.contains(property)) {
                    required.add(property);
                } else if (REQUESTS.contains(name)) {
                    value.setNullable(true);
                }
            });
            schema.setRequired(required.isEmpty() ? null : required);
        });
        // the request bodies take these as text, to answer 422 with the values they accept
        property(schemas, "ReportEditRequest", "result", enumOf(names(ReportResult.values())));
        property(schemas, "NextStepUpdate", "state", enumOf(names(NextStep.State.values())));
        for (String token : List.of("ApiTokenRequest", "NewApiToken", "ApiTokenView")) {
            property(schemas, token, "role", enumOf(io.rehearsal.command.token.ApiToken.ROLES));
        }
        property(schemas, "ApiTokenRequest", "expiresAt", new StringSchema().format("date-time"));
        // every key is always there, counted from zero
        property(schemas, "ComplianceReport", "testsByStatus", countsBy(names(TestStatus.values())));
        property(schemas, "ComplianceReport", "testsByResult", countsBy(names(ReportResult.values())));
        // a Java Object (a step's facts, an event's payload) is any JSON: say so, or generated clients take
        // "an object without properties" for an empty one
        schemas.values().forEach(schema -> walk(schema, SchemaRules::freeForm));
    }

    private static boolean isBareObject(Schema<?> schema) {
        return "object".equals(schema.getType()) && schema.getProperties() == null && schema.get$ref() == null
                && schema.getAdditionalProperties() == null;
    }

    private static void freeForm(Schema<?> schema) {
        if (schema.getAdditionalProperties() instanceof Schema<?> values && isBareObject(values)) {
            schema.setAdditionalProperties(true);
        } else if (isBareObject(schema)) {
            schema.setAdditionalProperties(true);
        }
    }

    private static void property(Map<String, Schema> schemas, String schema, String property, Schema<?> replacement) {
        Schema<?> owner = schemas.get(schema);
        if (owner != null && owner.getProperties() != null && owner.getProperties().containsKey(property)) {
            Boolean nullable = owner.getProperties().get(property).getNullable();
            owner.getProperties().put(property, replacement.nullable(nullable));
        }
    }

    private static Schema<?> countsBy(List<String> keys) {
        ObjectSchema counts = new ObjectSchema();
        keys.forEach(key -> counts.addProperty(key, new IntegerSchema().format("int64")));
        return counts.required(keys);
    }

    private static Schema<?> enumOf(List<String> values) {
        StringSchema schema = new StringSchema();
        schema.setEnum(values);
        return schema;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** Renames schemas, and every reference to them, wherever it is. */
    private static void rename(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Map<String, Schema> renamed = new LinkedHashMap<>();
        schemas.forEach((name, schema) -> renamed.put(NAMES.getOrDefault(name, name), schema));
        api.getComponents().setSchemas(renamed);
        Consumer<Schema<?>> references = schema -> walk(schema, s -> {
            if (s.get$ref() != null) {
                String name = s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1);
                if (NAMES.containsKey(name)) {
                    s.set$ref("#/components/schemas/" + NAMES.get(name));
                }
            }
        });
        renamed.values().forEach(references::accept);
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                schemasOf(operation).forEach(references)));
    }

    private static List<Schema<?>> schemasOf(Operation operation) {
        List<Schema<?>> found = new ArrayList<>();
        if (operation.getParameters() != null) {
            operation.getParameters().stream().map(Parameter::getSchema).forEach(found::add);
        }
        if (operation.getRequestBody() != null) {
            addAll(found, operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
            for (ApiResponse response : operation.getResponses().values()) {
                addAll(found, response.getContent());
                if (response.getHeaders() != null) {
                    response.getHeaders().values().stream().map(Header::getSchema).forEach(found::add);
                }
            }
        }
        found.removeIf(java.util.Objects::isNull);
        return found;
    }

    private static void addAll(List<Schema<?>> found, Content content) {
        if (content != null) {
            content.values().forEach(media -> found.add(media.getSchema()));
        }
    }

    @SuppressWarnings("unchecked")
    private static void walk(Schema<?> schema, Consumer<Schema<?>> visit) {
        if (schema == null) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> walk(s, visit));
        }
        walk(schema.getItems(), visit);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(additional, visit);
        }
        for (List<Schema> composed : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (composed != null) {
                composed.forEach(s -> walk(s, visit));
            }
        }
        walk(schema.getNot(), visit);
    }
}
