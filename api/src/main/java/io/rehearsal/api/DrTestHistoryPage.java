package io.rehearsal.api;

import java.util.List;

public record DrTestHistoryPage(List<DrTestSummary> items, int page, int size, long total) {
}
