package io.rehearsal.command.drtest;

/**
 * One thing an operator must acknowledge before a test starts. The text may hold {@code {lastBackup}} and
 * {@code {dataLossWindow}}, filled in when shown.
 */
public record Precondition(String id, String text) {
}
