package io.rehearsal.api;

public enum Purpose {
    PRODUCTION, PRE_PRODUCTION, DEVELOPMENT
}
