package io.rehearsal.ui.runtime;

/**
 * The name under which this process claims event-processor segments. Embedded, one process owns the data
 * directory (H2 locks it), so the name is stable across restarts and a restart after a crash takes its
 * segments back at once instead of waiting for the dead claims to time out. With shared stores each process
 * has its own name, so a survivor takes over a dead instance's segments after the claim timeout.
 */
record TokenOwner(String nodeId) {
}
