package io.rehearsal.command.drtest;

import java.util.Optional;

/**
 * What text a test may record: valid Unicode that XML and PDF can carry. A report is evidence kept for years, in
 * the event store, the exports and the PDF; one character none of them can hold would break all of them, so it is
 * refused when it arrives, not repaired later. Tab, line feed and carriage return are the only controls allowed.
 */
public final class TextRule {

    private TextRule() {
    }

    /** What is wrong with the text, e.g. "holds U+FFFE (a non-character) at character 12", or empty if nothing. */
    public static Optional<String> flaw(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                    if (isNonCharacter(codePoint)) {
                        return Optional.of(at(codePoint, "a non-character", i));
                    }
                    i++;
                    continue;
                }
                return Optional.of(at(c, "half of a surrogate pair, not valid Unicode", i));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(at(c, "half of a surrogate pair, not valid Unicode", i));
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of(at(c, "a control character", i));
            }
            if (isNonCharacter(c)) {
                return Optional.of(at(c, "a non-character", i));
            }
        }
        return Optional.empty();
    }

    /** Refuses the text as an invalid command, naming what it is, e.g. "The observations". */
    static void require(String what, String text) {
        flaw(text).ifPresent(flaw -> {
            throw FailoverRejectedException.invalid(what + " " + flaw + "; such characters cannot be recorded.");
        });
    }

    /** U+FDD0 to U+FDEF, and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...). */
    private static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String at(int codePoint, String kind, int index) {
        return String.format("holds U+%04X (%s) at character %d", codePoint, kind, index + 1);
    }
}
