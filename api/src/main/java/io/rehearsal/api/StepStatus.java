package io.rehearsal.api;

public enum StepStatus {
    PENDING, RUNNING, COMPLETED, FAILED
}
