package io.rehearsal.api;

public enum TestStatus {
    RUNNING, COMPLETED, FAILED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
