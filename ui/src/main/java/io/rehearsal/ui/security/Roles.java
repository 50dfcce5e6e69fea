package io.rehearsal.ui.security;

import java.util.List;

/**
 * The three roles of PRODUCT.md, and BACKUP_AGENT for machines. An ADMIN holds OPERATOR and AUDITOR as well; an
 * AUDITOR only reads; a BACKUP_AGENT only records backups, and is held by API tokens only, never by a person.
 */
public final class Roles {

    public static final String OPERATOR = "OPERATOR";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";
    public static final String BACKUP_AGENT = "BACKUP_AGENT";
    /** The roles of people, which every part of the API but the recording of backups asks for. */
    static final String[] PEOPLE = {OPERATOR, AUDITOR, ADMIN};

    private Roles() {
    }

    static List<String> granted(String role) {
        return switch (role) {
            case ADMIN -> List.of(ADMIN, OPERATOR, AUDITOR);
            case OPERATOR -> List.of(OPERATOR);
            case AUDITOR -> List.of(AUDITOR);
            case BACKUP_AGENT -> List.of(BACKUP_AGENT);
            default -> throw new IllegalArgumentException("unknown role '" + role + "'; roles are "
                    + List.of(OPERATOR, AUDITOR, ADMIN, BACKUP_AGENT));
        };
    }
}
