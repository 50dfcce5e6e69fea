package io.rehearsal.ui.audit;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.AuditEntry;
import io.rehearsal.api.AuditTrail;
import io.rehearsal.api.AuditVerification;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.FindAuditTrailQuery;
import io.rehearsal.api.VerifyAuditTrailQuery;
import io.rehearsal.ui.web.Csv;
import io.rehearsal.ui.web.Ids;
import io.rehearsal.ui.web.Problems;
import io.rehearsal.ui.web.Queries;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** A test's audit trail in order, its exports (JSON lines, CSV), and the verification of its hash chain. */
@RestController
@RequestMapping("/api/dr-tests/{testId}/audit")
class AuditController {

    static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson");

    private final Queries queries;
    private final ObjectMapper json;

    AuditController(Queries queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @ApiResponse(responseCode = "200", description = "The test's events in order: JSON by default; with "
            + "format=jsonl one event per line, with format=csv a spreadsheet (both downloads).",
            headers = @Header(name = "Content-Disposition", description = "For jsonl and csv: attachment; "
                    + "filename=\"audit-{testId}.jsonl\" or .csv", schema = @Schema(type = "string")),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = AuditTrail.class)),
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = AuditEntry.class,
                            description = "One audit entry per line.")),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "Columns "
                            + "sequence, type, timestamp, actor, hash, previousHash, payload; every cell quoted."))})
    @GetMapping
    Mono<ResponseEntity<?>> trail(@PathVariable String testId, @RequestParam(required = false) String format) {
        DrTestId id = Ids.test(testId);
        String chosen = format == null || format.isBlank() ? "json" : format;
        if (!chosen.equals("json") && !chosen.equals("jsonl") && !chosen.equals("csv")) {
            throw Problems.badRequest("format '" + format + "' is not one of json, jsonl, csv.");
        }
        return queries.ask(new FindAuditTrailQuery(id), AuditTrail.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("No DR test with id '" + id + "'.")))
                .map(trail -> switch (chosen) {
                    case "jsonl" -> download(id, "jsonl", JSON_LINES, jsonLines(trail));
                    case "csv" -> download(id, "csv", Csv.MEDIA_TYPE, csv(trail));
                    default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(trail);
                });
    }

    @GetMapping("/verify")
    Mono<AuditVerification> verify(@PathVariable String testId) {
        DrTestId id = Ids.test(testId);
        return queries.ask(new VerifyAuditTrailQuery(id), AuditVerification.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("No DR test with id '" + id + "'.")));
    }

    private static ResponseEntity<String> download(DrTestId id, String extension, MediaType type, String body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + id + "." + extension + "\"")
                .body(body);
    }

    private String jsonLines(AuditTrail trail) {
        return trail.events().stream().map(this::write).collect(Collectors.joining("\n", "", "\n"));
    }

    private String csv(AuditTrail trail) {
        StringBuilder out = new StringBuilder("sequence,type,timestamp,actor,hash,previousHash,payload\r\n");
        for (AuditEntry entry : trail.events()) {
            out.append(Csv.cell(Long.toString(entry.sequence()))).append(',')
                    .append(Csv.cell(entry.type())).append(',')
                    .append(Csv.cell(entry.timestamp().toString())).append(',')
                    .append(Csv.cell(entry.actor())).append(',')
                    .append(Csv.cell(entry.hash())).append(',')
                    .append(Csv.cell(entry.previousHash())).append(',')
                    .append(Csv.cell(write(entry.payload()))).append("\r\n");
        }
        return out.toString();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
