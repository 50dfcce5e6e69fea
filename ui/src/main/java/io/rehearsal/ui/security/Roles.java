package io.rehearsal.ui.security;

import java.util.List;

/** The three roles of PRODUCT.md. An ADMIN holds the other two as well; an AUDITOR only reads. */
public final class Roles {

    public static final String OPERATOR = "OPERATOR";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }

    static List<String> granted(String role) {
        return switch (role) {
            case ADMIN -> List.of(ADMIN, OPERATOR, AUDITOR);
            case OPERATOR -> List.of(OPERATOR);
            case AUDITOR -> List.of(AUDITOR);
            default -> throw new IllegalArgumentException("unknown role '" + role + "'; roles are "
                    + List.of(OPERATOR, AUDITOR, ADMIN));
        };
    }
}
