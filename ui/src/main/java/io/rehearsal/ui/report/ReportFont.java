package io.rehearsal.ui.report;

import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The font the report PDF is drawn in: DejaVu Sans (regular and bold), shipped in the jar under {@code fonts/}
 * with its licence (from the npm package dejavu-fonts-ttf 2.37.3), embedded as a subset in every PDF. Latin,
 * Greek, Cyrillic, arrows and check marks; what it has no glyph for is known up front from its cmap, so the
 * report can name such a character by its code point instead of the renderer drawing a '#'.
 * <p>
 * Parsing the font is most of what embedding it costs, so parsed faces are kept and reused; a parsed font is not
 * safe for two documents at once, so each PDF borrows a pair of its own (there are as many as PDFs were ever
 * rendered at the same moment).
 */
@Component
class ReportFont {

    static final String FAMILY = "DejaVu Sans";

    private final byte[] regular;
    private final byte[] bold;
    /** code points both faces draw: a bold cell may hold any text */
    private final BitSet drawable;
    /** the fonts' metrics, parsed by the first PDF and reused by every later one */
    private final FSDefaultCacheStore metrics = new FSDefaultCacheStore();
    private final Queue<Faces> idle = new ConcurrentLinkedQueue<>();

    private record Faces(TrueTypeFont regular, TrueTypeFont bold) {
    }

    ReportFont() {
        regular = resource("fonts/DejaVuSans.ttf");
        bold = resource("fonts/DejaVuSans-Bold.ttf");
        drawable = glyphs(regular);
        drawable.and(glyphs(bold));
    }

    boolean canDraw(int codePoint) {
        return codePoint >= 0 && drawable.get(codePoint);
    }

    /** The XHTML as a PDF in this font, embedded as a subset of the glyphs used. */
    byte[] render(String xhtml) throws IOException {
        Faces faces = borrow();
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream pdf = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePDDocument(document);
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, metrics);
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, faces.regular(), true)), FAMILY, 400,
                    FontStyle.NORMAL, true);
            builder.useFont(new PDFontSupplier(PDType0Font.load(document, faces.bold(), true)), FAMILY, 700,
                    FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(pdf);
            builder.run();
            return pdf.toByteArray();
        } finally {
            idle.add(faces);
        }
    }

    private Faces borrow() throws IOException {
        Faces faces = idle.poll();
        return faces != null ? faces : new Faces(parse(regular), parse(bold));
    }

    private static TrueTypeFont parse(byte[] ttf) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(ttf));
    }

    private static BitSet glyphs(byte[] ttf) {
        try (TrueTypeFont font = parse(ttf)) {
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
