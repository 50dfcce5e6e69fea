package io.rehearsal.api;

public record FindEnvironmentsQuery() {
}
