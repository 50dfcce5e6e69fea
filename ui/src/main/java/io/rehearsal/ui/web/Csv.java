package io.rehearsal.ui.web;

import org.springframework.http.MediaType;

/** CSV exports: one media type, and cells a spreadsheet can open without running anything a user typed. */
public final class Csv {

    public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private Csv() {
    }

    /**
     * A quoted CSV cell. A text a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a
     * carriage return) is prefixed with an apostrophe, so opening an export can never run what a user typed.
     */
    public static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
