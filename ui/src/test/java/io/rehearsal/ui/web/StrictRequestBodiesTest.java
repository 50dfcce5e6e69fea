package io.rehearsal.ui.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The strict reading of request bodies, and the details that name a nested field by its JSON path. */
class StrictRequestBodiesTest {

    record Database(Integer storageGb, String engine, boolean encrypted) {
    }

    record Configuration(Database database) {
    }

    record Item(String name) {
    }

    record Request(Configuration configuration, List<Item> items) {
    }

    /** Like the application's: lenient, as Axon reads stored events with it. */
    private final ObjectMapper application = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ObjectMapper strict = StrictRequestBodies.strict(application);

    @Test
    void aWrongTypeDeepInsideIsNamedByItsPath() {
        assertThat(refused("{\"configuration\": {\"database\": {\"storageGb\": \"20\"}}}"))
                .isEqualTo("400 configuration.database.storageGb must be a whole number in the JSON request body.");
        assertThat(refused("{\"configuration\": {\"database\": {\"storageGb\": 1.5}}}"))
                .isEqualTo("400 configuration.database.storageGb must be a whole number in the JSON request body.");
        assertThat(refused("{\"configuration\": {\"database\": {\"encrypted\": \"true\"}}}"))
                .isEqualTo("400 configuration.database.encrypted must be true or false in the JSON request body.");
        assertThat(refused("{\"configuration\": {\"database\": {\"encrypted\": 1}}}"))
                .isEqualTo("400 configuration.database.encrypted must be true or false in the JSON request body.");
        assertThat(refused("{\"configuration\": {\"database\": {\"encrypted\": null}}}"))
                .isEqualTo("400 configuration.database.encrypted must be true or false, not null in the JSON request body.");
        assertThat(refused("{\"configuration\": {\"database\": {\"storageGb\": 20}}}"))
                .isEqualTo("400 configuration.database.encrypted is required: it must be true or false.");
        assertThat(refused("{\"configuration\": {\"database\": {\"engine\": 5}}}"))
                .isEqualTo("400 configuration.database.engine must be text (a JSON string) in the JSON request body.");
        assertThat(refused("{\"configuration\": {\"database\": []}}"))
                .isEqualTo("400 configuration.database must be an object in the JSON request body.");
    }

    @Test
    void anUnknownOrDuplicateFieldAndUnacceptableTextAreNamedByTheirPath() {
        assertThat(refused("{\"configuration\": {\"database\": {\"encrypted\": true, \"storageGB\": 20}}}")).isEqualTo(
                "422 configuration.database.storageGB is not a field of this request; its fields are encrypted, "
                        + "engine, storageGb.");
        assertThat(refused("{\"configuration\": {\"database\": {\"engine\": \"a\", \"engine\": \"b\"}}}"))
                .isEqualTo("400 configuration.database.engine appears twice in the request body; give each field once.");
        assertThat(refused("{\"items\": [{\"name\": \"ok\"}, {\"name\": \"\\uFFFF\"}]}")).isEqualTo(
                "422 items[1].name holds U+FFFF (a non-character) at character 1; such characters cannot be recorded.");
        assertThat(refused("{\"items\": [{\"name\": \"ok\"}]} []"))
                .isEqualTo("400 The request body holds more after its JSON value; send exactly one JSON object.");
        assertThat(refused("{\"items\": [{\"name\": \"ok\"]}"))
                .startsWith("400 The request body is not valid JSON (line 1, column ");
    }

    @Test
    void theApplicationsOwnMapperStaysLenientForStoredEvents() throws Exception {
        String stored = "{\"configuration\": {\"database\": {\"storageGb\": 20, \"encrypted\": true, "
                + "\"addedLater\": true}}}";

        assertThat(application.readValue(stored, Request.class).configuration().database().storageGb()).isEqualTo(20);
        assertThat(refused(stored)).startsWith("422 configuration.database.addedLater is not a field");
    }

    @Test
    void aCleanBodyReadsAsSent() throws Exception {
        Request request = strict.readValue("{\"configuration\": {\"database\": {\"storageGb\": 20, \"encrypted\": false, \"engine\": "
                + "\"postgres 16 → ✓ Ωμέγα\\tx\"}}, \"items\": [{\"name\": \"日本語\\r\\n\"}]}", Request.class);

        assertThat(request.configuration().database().engine()).isEqualTo("postgres 16 → ✓ Ωμέγα\tx");
        assertThat(request.items()).containsExactly(new Item("日本語\r\n"));
    }

    private String refused(String body) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> strict.readValue(body, Request.class));
        assertThat(e).as("refused: " + body).isNotNull();
        ProblemDetail problem = RequestBodyProblems.of(e);
        return problem.getStatus() + " " + problem.getDetail();
    }
}
