package io.rehearsal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The tamper evidence of a test's audit trail. Each event of a test carries, in its metadata, {@code hash}: the
 * SHA-256 (hex) of the canonical JSON of {@code {actor, aggregateId, payload, payloadType, previousHash, sequence,
 * timestamp}}, where {@code payloadType} is the event's simple type name, {@code previousHash} the hash of the
 * test's previous event ({@link #GENESIS} for its first), {@code timestamp} ISO-8601 to the millisecond, and the
 * JSON has its object keys sorted at every level, no null members and no whitespace (UTF-8, non-ASCII unescaped).
 * That is exactly what an audit export holds, so an auditor can recompute every hash offline. Changing any event,
 * or removing or reordering one, breaks the chain from that event on.
 */
public final class AuditHash {

    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private AuditHash() {
    }

    public static String of(String previousHash, String aggregateId, long sequence, String payloadType,
                            Instant timestamp, Object payload, String actor) {
        ObjectNode content = CANONICAL.createObjectNode();
        content.put("actor", actor == null ? "" : actor);
        content.put("aggregateId", aggregateId);
        content.set("payload", CANONICAL.valueToTree(payload));
        content.put("payloadType", payloadType);
        content.put("previousHash", previousHash);
        content.put("sequence", sequence);
        content.put("timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
        try {
            // valueToTree keeps key order from the sorted mapper; re-reading sorts nested maps as well
            String json = CANONICAL.writeValueAsString(CANONICAL.treeToValue(content, Object.class));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot compute the audit hash", e);
        }
    }
}
