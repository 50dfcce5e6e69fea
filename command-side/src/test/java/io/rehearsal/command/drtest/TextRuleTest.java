package io.rehearsal.command.drtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which text a report can carry into the event store, the exports and the PDF. */
class TextRuleTest {

    @Test
    void anyLanguageTabsAndLineBreaksAreText() {
        assertThat(TextRule.flaw("Ωμέγα, Кириллица, 日本語 → ✓ 😀\ttab\r\nnext line")).isEmpty();
        assertThat(TextRule.flaw(null)).isEmpty();
    }

    @Test
    void loneSurrogatesAreNotUnicode() {
        assertThat(TextRule.flaw("a\uD800")).contains("holds U+D800 (half of a surrogate pair, not valid Unicode) at character 2");
        assertThat(TextRule.flaw("\uDC00a")).contains("holds U+DC00 (half of a surrogate pair, not valid Unicode) at character 1");
        assertThat(TextRule.flaw("\uDC00\uD800")).isPresent();
    }

    @Test
    void nonCharactersOfEveryPlaneAreRefused() {
        assertThat(TextRule.flaw("\uFFFE")).contains("holds U+FFFE (a non-character) at character 1");
        assertThat(TextRule.flaw("x\uFFFF")).contains("holds U+FFFF (a non-character) at character 2");
        assertThat(TextRule.flaw("\uFDD0")).isPresent();
        assertThat(TextRule.flaw("\uFDEF")).isPresent();
        assertThat(TextRule.flaw("\uFDCF\uFDF0")).isEmpty();
        assertThat(TextRule.flaw(new String(Character.toChars(0x1FFFE)))).contains("holds U+1FFFE (a non-character) at character 1");
        assertThat(TextRule.flaw(new String(Character.toChars(0x10FFFF)))).isPresent();
    }

    @Test
    void controlsOtherThanTabLineFeedAndCarriageReturnAreRefused() {
        assertThat(TextRule.flaw("\u0000")).contains("holds U+0000 (a control character) at character 1");
        assertThat(TextRule.flaw("\u001F")).isPresent();
        assertThat(TextRule.flaw("\u000B")).isPresent();
    }
}
