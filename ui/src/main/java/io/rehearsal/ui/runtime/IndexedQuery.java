package io.rehearsal.ui.runtime;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The part of a MongoDB filter that a secondary index can serve: equalities and ranges ({@code $gt}, {@code $gte},
 * {@code $lt}, {@code $lte}) on top-level fields, with scalar values, across {@code $and}. Anything else (other
 * operators, arrays, subdocuments, null, a second condition on one field) is left to matching the documents, and
 * makes the query {@link #residual() residual}: an index then narrows the candidates but cannot count alone.
 */
final class IndexedQuery {

    /** One end of a range. */
    record Bound(Object value, boolean inclusive) {
    }

    /** A range on one field; either end may be open. */
    record Range(Bound lower, Bound upper) {
    }

    private final Map<String, Object> equalities = new HashMap<>();
    private final Map<String, Bound> lowers = new HashMap<>();
    private final Map<String, Bound> uppers = new HashMap<>();
    private boolean residual;

    private IndexedQuery() {
    }

    static IndexedQuery of(Document filter) {
        IndexedQuery query = new IndexedQuery();
        query.add(filter);
        return query;
    }

    private void add(Document filter) {
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof List<?> all) {
                for (Object each : all) {
                    if (each instanceof Document document) {
                        add(document);
                    } else {
                        residual = true;
                    }
                }
            } else if (field.startsWith("$") || field.contains(".")) {
                residual = true;
            } else if (value instanceof Document operators && isOperators(operators)) {
                operators.forEach((operator, operand) -> addOperator(field, operator, operand));
            } else {
                equal(field, value);
            }
        }
    }

    private void addOperator(String field, String operator, Object operand) {
        switch (operator) {
            case "$eq" -> equal(field, operand);
            case "$gt" -> bound(lowers, field, operand, false);
            case "$gte" -> bound(lowers, field, operand, true);
            case "$lt" -> bound(uppers, field, operand, false);
            case "$lte" -> bound(uppers, field, operand, true);
            default -> residual = true;
        }
    }

    private void equal(String field, Object value) {
        if (!isScalar(value) || equalities.containsKey(field) || lowers.containsKey(field) || uppers.containsKey(field)) {
            residual = true;
        } else {
            equalities.put(field, value);
        }
    }

    private void bound(Map<String, Bound> bounds, String field, Object value, boolean inclusive) {
        if (!isScalar(value) || equalities.containsKey(field) || bounds.containsKey(field)) {
            residual = true;
        } else {
            bounds.put(field, new Bound(value, inclusive));
        }
    }

    private static boolean isOperators(Document document) {
        return !document.isEmpty() && document.keySet().stream().allMatch(key -> key.startsWith("$"));
    }

    /**
     * Values whose MongoDB equality and order are those of the server's value comparator within one type: a
     * range over them holds only values of their type. Null (which also matches a missing field), arrays,
     * subdocuments and patterns are not.
     */
    static boolean isScalar(Object value) {
        return typeOf(value) >= 0;
    }

    /** The comparison type of a scalar, in no particular order; -1 for anything else. */
    static int typeOf(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Double) {
            return 0;
        }
        if (value instanceof String) {
            return 1;
        }
        if (value instanceof Instant) {
            return 2;
        }
        if (value instanceof Boolean) {
            return 3;
        }
        if (value instanceof ObjectId) {
            return 4;
        }
        if (value instanceof UUID) {
            return 5;
        }
        return -1;
    }

    Object equality(String field) {
        return equalities.get(field);
    }

    boolean hasEquality(String field) {
        return equalities.containsKey(field);
    }

    /** The range on {@code field}, or null. */
    Range range(String field) {
        Bound lower = lowers.get(field);
        Bound upper = uppers.get(field);
        return lower == null && upper == null ? null : new Range(lower, upper);
    }

    /** The fields with a condition an index can serve. */
    java.util.Set<String> fields() {
        java.util.Set<String> fields = new java.util.HashSet<>(equalities.keySet());
        fields.addAll(lowers.keySet());
        fields.addAll(uppers.keySet());
        return fields;
    }

    /** Whether a condition remains that only matching the documents can check. */
    boolean residual() {
        return residual;
    }
}
