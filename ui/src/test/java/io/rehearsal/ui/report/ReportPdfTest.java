package io.rehearsal.ui.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a stored value becomes in the XHTML the PDF is rendered from. */
class ReportPdfTest {

    private final ReportPdf pdf = new ReportPdf(new ReportFont());

    @Test
    void textTheFontDrawsIsKeptAndXmlSpecialsAreEscaped() {
        assertThat(pdf.e("Ωμέγα Щука → ✓ — “ok” <b>&'\"")).isEqualTo(
                "Ωμέγα Щука → ✓ — “ok” &lt;b&gt;&amp;&#39;&quot;");
    }

    @Test
    void aCharacterTheFontCannotDrawIsWrittenAsItsCodePoint() {
        assertThat(pdf.e("日本")).isEqualTo("U+65E5U+672C");
        assertThat(pdf.e("\uD840\uDC00")).as("a supplementary character, as one code point").isEqualTo("U+20000");
    }

    @Test
    void whatIsNoCharacterIsReplacedVisibly() {
        assertThat(pdf.e("a\uFFFEb\uFFFFc")).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(pdf.e("lone \uD800 and \uDC00")).isEqualTo("lone \uFFFD and \uFFFD");
        assertThat(pdf.e("bell\u0007nul\u0000del\u007F")).isEqualTo("bell\uFFFDnul\uFFFDdel\uFFFD");
        assertThat(pdf.e("\uFDD0\uDBFF\uDFFF")).as("non-characters U+FDD0 and U+10FFFF").isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void lineBreaksAndTabsAreKeptWhateverTheirConvention() {
        assertThat(pdf.e("a\r\nb\rc\nd\te")).isEqualTo("a\nb\nc\nd\te");
    }
}
