package io.rehearsal.command.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rehearsal.api.EnvironmentConfiguration;
import io.rehearsal.api.FieldError;
import io.rehearsal.api.Purpose;
import io.rehearsal.api.Targets;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An inventory file: the environments an organisation declares, each as {@code POST /api/environments} takes it,
 * with the backups known so far. Read strictly: a misspelt key is an error, not a silently ignored line.
 */
public record InventoryFile(List<Entry> environments) {

    public InventoryFile {
        environments = environments == null ? List.of() : List.copyOf(environments);
    }

    /** One environment of the file. */
    public record Entry(String id, String displayName, Purpose purpose, String region, String drRegion,
                        Boolean drEnabled, EnvironmentConfiguration configuration, Targets targets,
                        List<Backup> backups) {

        public Entry {
            backups = backups == null ? List.of() : List.copyOf(backups);
        }

        boolean dr() {
            return Boolean.TRUE.equals(drEnabled);
        }
    }

    /** A backup: taken at an instant, or (for demos) {@code takenAgo} before the file is first applied. */
    public record Backup(String backupId, Instant takenAt, Duration takenAgo) {

        Instant takenAt(Instant now) {
            return takenAt != null ? takenAt : takenAgo == null ? null : now.minus(takenAgo);
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads a file's text, or says where and what is wrong with it (never a Java type name). */
    public static InventoryFile parse(String yaml) {
        try {
            InventoryFile file = YAML.readValue(yaml, InventoryFile.class);
            if (file == null) {
                throw new InvalidInventoryException(List.of(new FieldError("environments",
                        "the file is empty; list the environments under 'environments:'.")));
            }
            return file;
        } catch (JsonMappingException e) {
            throw new InvalidInventoryException(List.of(new FieldError(path(e), describe(e))));
        } catch (JsonProcessingException e) {
            throw new InvalidInventoryException(List.of(new FieldError("", "not valid YAML" + at(e.getLocation())
                    + ": " + e.getOriginalMessage().lines().findFirst().orElse(""))));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(JsonMappingException e) {
        String where = at(e.getLocation());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is no field Rehearsal knows" + where + " (misspelt?); known here: "
                    + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "'" + format.getValue() + "' is not one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")) + where + ".";
        }
        if (e instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not a valid value here" + where
                    + (format.getTargetType() == Duration.class ? " (an ISO-8601 duration, e.g. PT4H)"
                    : format.getTargetType() == Instant.class ? " (an instant, e.g. 2026-12-01T03:00:00Z)" : "") + ".";
        }
        if (e instanceof MismatchedInputException) {
            return "has the wrong kind of value" + where + " (a list, a map, text or a number is expected there).";
        }
        return "cannot be read" + where + ".";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
