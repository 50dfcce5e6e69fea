package io.rehearsal.ui.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON body the strict reading refused, said in the request's own terms: the field by its JSON path
 * ({@code configuration.database.storageGb}, {@code acknowledgedPreconditions[2]}) and what it must be; never the
 * parser's words, which name Java classes. Malformed JSON or a wrong type is a 400, a field the request does not
 * have or text it cannot record a 422.
 */
final class RequestBodyProblems {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyProblems.class);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private RequestBodyProblems() {
    }

    static ProblemDetail of(JsonProcessingException e) {
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonParseException parse) {
            return of(parse); // malformed inside a field: said as malformed, the parser knows where
        }
        if (e instanceof StrictRequestBodies.UnacceptableText text) {
            return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, field(text) + " " + text.getOriginalMessage()
                    + "; such characters cannot be recorded.");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, field(unknown) + " is not a field of this request"
                    + known(unknown.getKnownPropertyIds()) + ".");
        }
        if (e instanceof InvalidDefinitionException definition) {
            log.warn("A request body type cannot be read as JSON: {}", definition.getOriginalMessage());
            return Problems.of(HttpStatus.BAD_REQUEST, "The request body cannot be read for this request.");
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = String.valueOf(mismatch.getOriginalMessage());
            if (message.startsWith("No content to map")) {
                return Problems.of(HttpStatus.BAD_REQUEST, "A JSON request body is required.");
            }
            if (message.startsWith("Trailing token")) {
                return Problems.of(HttpStatus.BAD_REQUEST, "The request body holds more after its JSON value; "
                        + "send exactly one JSON object.");
            }
            if (mismatch.getPath().isEmpty()) {
                return Problems.of(HttpStatus.BAD_REQUEST, "The request body must be a JSON object.");
            }
            if (message.startsWith("Cannot map `null`") && !gotNull(mismatch)) {
                return Problems.of(HttpStatus.BAD_REQUEST, field(mismatch) + " is required: it must be "
                        + expected(mismatch.getTargetType()) + ".");
            }
            return Problems.of(HttpStatus.BAD_REQUEST, field(mismatch) + " must be "
                    + expected(mismatch.getTargetType()) + (gotNull(mismatch) ? ", not null" : "")
                    + " in the JSON request body.");
        }
        if (e instanceof JsonMappingException mapping) {
            return Problems.of(HttpStatus.BAD_REQUEST, (mapping.getPath().isEmpty() ? "The request body"
                    : field(mapping)) + " does not fit this request.");
        }
        if (e instanceof JsonParseException parse) {
            return Problems.of(HttpStatus.BAD_REQUEST, malformed(parse));
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
    }

    private static String malformed(JsonParseException e) {
        JsonStreamContext context = e.getProcessor() == null ? null : e.getProcessor().getParsingContext();
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String object = context == null ? "" : path(context.getParent());
            return (object.isEmpty() ? "" : object + ".") + duplicate.group(1)
                    + " appears twice in the request body; give each field once.";
        }
        String at = context == null ? "" : path(context);
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + (at.isEmpty() ? "" : ", at " + at) + ")";
        return "The request body is not valid JSON" + where + ".";
    }

    /** The field as a JSON path: {@code configuration.database.storageGb}, {@code items[2].name}. */
    static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "The request body" : path.toString();
    }

    private static String path(JsonStreamContext context) {
        java.util.Deque<JsonStreamContext> steps = new java.util.ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            steps.push(at);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext step : steps) {
            if (step.inArray()) {
                path.append('[').append(Math.max(step.getCurrentIndex(), 0)).append(']');
            } else if (step.getCurrentName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getCurrentName());
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        TreeSet<String> sorted = new TreeSet<>();
        names.forEach(name -> sorted.add(String.valueOf(name)));
        return "; its fields are " + String.join(", ", sorted);
    }

    private static boolean gotNull(MismatchedInputException e) {
        return e.getProcessor() instanceof JsonParser parser && parser.hasToken(JsonToken.VALUE_NULL);
    }

    /** What a value of the type looks like in JSON, said without naming the type. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "text (a JSON string)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-26T10:15:30Z";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT30M";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "text (a JSON string)"; // value types (ids, names) are written as strings
    }
}
