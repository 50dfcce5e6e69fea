package io.rehearsal.ui;

import io.rehearsal.api.Actor;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.ReportEditedEvent;
import io.rehearsal.api.TestStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PDF filed as evidence carries a customer's own words whatever their script, and still renders when an event
 * already stored holds text that XML and PDF cannot carry.
 */
class ReportPdfTextTest extends RunningApplicationTest {

    private static final Logger log = LoggerFactory.getLogger(ReportPdfTextTest.class);
    private static final String ENV = "globex-staging";

    @Autowired
    EventStore eventStore;

    @Test
    void greekCyrillicAndSymbolsComeBackAsThemselvesAndCjkAsItsCodePointsInAnEmbeddedFont() throws IOException {
        String testId = completedTest();
        String observations = "Καλημέρα κόσμε; Съешь же ещё этих булок → ✓ done; 日本";
        as("operator").put().uri("/api/dr-tests/{id}/report", testId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("observations", observations)).exchange().expectStatus().isNoContent();

        // not a timed assertion: the figure for the log, the font being parsed once per application
        long[] millis = new long[50];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            pdf(testId, null);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        log.info("50 report PDFs over HTTP: median {} ms, p98 {} ms, max {} ms", millis[25], millis[48], millis[49]);

        byte[] pdf = pdf(testId, null);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Καλημέρα κόσμε", "Съешь же ещё этих булок", "→ ✓ done", "U+65E5U+672C")
                    .as("nothing is drawn as the renderer's '#' for a missing glyph").doesNotContain("#")
                    .doesNotContain("日");
            List<PDFont> fonts = fonts(document);
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                assertThat(font.getName()).contains("DejaVuSans");
            });
        }
    }

    @Test
    void storedObservationsWithNonCharactersOrALoneSurrogateStillRenderNowAndAsOfEachEdit() throws IOException {
        String testId = completedTest();
        String[] stored = {"before\uFFFEmiddle\uFFFFafter", "lone \uD800 surrogate, bell \u0007 here",
                "mended text"};
        Instant[] moments = new Instant[stored.length];
        String previous = "";
        for (int i = 0; i < stored.length; i++) {
            // written as an event, as a store that accepted such text before it was refused would hold it
            append(testId, new ReportEditedEvent(DrTestId.of(testId),
                    List.of(new ReportEditedEvent.Change("observations", previous, stored[i])),
                    Actor.of("operator"), Instant.now()));
            previous = stored[i];
            moments[i] = Instant.now();
        }
        await().atMost(DEADLINE).until(() -> currentReport(testId).edits().size() == stored.length);

        String[] expected = {"before\uFFFDmiddle\uFFFDafter", "lone \uFFFD surrogate, bell \uFFFD here", "mended text"};
        for (int i = 0; i < stored.length; i++) {
            String text = text(pdf(testId, moments[i]));
            assertThat(text).as("as of edit %d", i).contains(expected[i]);
        }
        String now = text(pdf(testId, null));
        assertThat(now).as("the edit history keeps every old value").contains("mended text", expected[0], expected[1]);
    }

    private void append(String testId, ReportEditedEvent event) {
        long next = eventStore.lastSequenceNumberFor(testId).orElse(-1L) + 1;
        eventStore.publish(new GenericDomainEventMessage<>("DrTest", testId, next, event,
                MetaData.with(Actor.METADATA_KEY, "operator")));
    }

    private byte[] pdf(String testId, Instant asOf) {
        return as("auditor").get().uri(b -> {
                    b.path("/api/dr-tests/{id}/report.pdf");
                    if (asOf != null) {
                        b.queryParam("asOf", asOf.toString());
                    }
                    return b.build(testId);
                }).exchange().expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<PDFont> fonts(PDDocument document) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (PDPage page : document.getPages()) {
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
        }
        return fonts;
    }

    private String completedTest() {
        String testId = startTest(ENV, "Globex Staging");
        awaitIdle(ENV);
        await().atMost(DEADLINE).until(() -> currentReport(testId).status() == TestStatus.COMPLETED);
        return testId;
    }

    private DrTestReport currentReport(String testId) {
        return as("auditor").get().uri("/api/dr-tests/{id}/report", testId).exchange()
                .returnResult(DrTestReport.class).getResponseBody().blockFirst();
    }
}
