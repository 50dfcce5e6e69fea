package io.rehearsal.ui.report;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped font, its faces parsed once and lent to one PDF at a time. */
class ReportFontTest {

    private final ReportFont font = new ReportFont();

    @Test
    void theFontDrawsLatinGreekCyrillicAndTheReportsSymbolsButNoCjk() {
        "Aé€ΩωЖж→✓—“”\uFFFD".codePoints().forEach(c ->
                assertThat(font.canDraw(c)).as("U+%04X", c).isTrue());
        assertThat(font.canDraw(0x65E5)).isFalse();
        assertThat(font.canDraw(0x20000)).isFalse();
    }

    @Test
    void pdfsRenderedAtOnceEachCarryTheirOwnTextInTheEmbeddedFont() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String words = "Документ " + i + " Ημέρα " + i + " → ✓";
                texts.add(pool.submit(() -> {
                    byte[] pdf = font.render("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body style=\"font-family: "
                            + "'DejaVu Sans'\"><p>" + words + "</p><p><b>bold " + words + "</b></p></body></html>");
                    try (PDDocument document = Loader.loadPDF(pdf)) {
                        PDResources resources = document.getPage(0).getResources();
                        for (COSName name : resources.getFontNames()) {
                            PDFont used = resources.getFont(name);
                            assertThat(used.isEmbedded()).as(used.getName()).isTrue();
                            assertThat(used.getName()).contains("DejaVuSans");
                        }
                        return new PDFTextStripper().getText(document);
                    }
                }));
            }
            for (int i = 0; i < texts.size(); i++) {
                String words = "Документ " + i + " Ημέρα " + i + " → ✓";
                assertThat(texts.get(i).get(60, TimeUnit.SECONDS)).contains(words, "bold " + words);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
