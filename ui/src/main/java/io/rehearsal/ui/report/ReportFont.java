package io.rehearsal.ui.report;

import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;

/**
 * The font the report PDF is drawn in: DejaVu Sans (regular and bold), shipped in the jar under {@code fonts/}
 * with its licence (from the npm package dejavu-fonts-ttf 2.37.3), embedded as a subset in every PDF. Latin,
 * Greek, Cyrillic, arrows and check marks; what it has no glyph for is known up front from its cmap, so the
 * report can name such a character by its code point instead of the renderer drawing a '#'.
 */
final class ReportFont {

    static final String FAMILY = "DejaVu Sans";

    private final byte[] regular;
    private final byte[] bold;
    /** code points both faces draw: a bold cell may hold any text */
    private final BitSet drawable;
    /** the fonts' metrics, parsed by the first PDF and reused by every later one */
    private final FSDefaultCacheStore metrics = new FSDefaultCacheStore();

    ReportFont() {
        regular = resource("fonts/DejaVuSans.ttf");
        bold = resource("fonts/DejaVuSans-Bold.ttf");
        drawable = glyphs(regular);
        drawable.and(glyphs(bold));
    }

    boolean canDraw(int codePoint) {
        return codePoint >= 0 && drawable.get(codePoint);
    }

    void useIn(PdfRendererBuilder builder) {
        builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, metrics);
        builder.useFont(() -> new ByteArrayInputStream(regular), FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(bold), FAMILY, 700, FontStyle.NORMAL, true);
    }

    private static BitSet glyphs(byte[] ttf) {
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(ttf))) {
            CmapLookup cmap = font.getUnicodeCmapLookup();
            BitSet glyphs = new BitSet();
            for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
                if (cmap.getGlyphId(codePoint) != 0) {
                    glyphs.set(codePoint);
                }
            }
            return glyphs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's font", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReportFont.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's font " + name + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's font " + name, e);
        }
    }
}
