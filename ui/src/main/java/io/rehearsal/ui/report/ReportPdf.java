package io.rehearsal.ui.report;

import com.openhtmltopdf.util.XRLog;
import io.rehearsal.api.DrTestReport;
import io.rehearsal.api.ReportEditedEvent;
import io.rehearsal.api.StepView;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Level;

/**
 * The report as an A4 PDF, for the file an auditor keeps. Rendered from XHTML in the shipped font, every value
 * escaped and reduced to what XML can carry and the font can draw, so that no stored text can fail the document
 * or vanish from it.
 */
@Component
class ReportPdf {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** stands, visibly, for what is no character at all: a lone surrogate, a non-character, a control */
    private static final int REPLACEMENT = 0xFFFD;

    private final ReportFont font;

    ReportPdf(ReportFont font) {
        this.font = font;
        // openhtmltopdf writes a dozen INFO lines per PDF straight to the console; its warnings are enough
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
    }

    byte[] render(DrTestReport r) {
        StringBuilder html = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <html xmlns="http://www.w3.org/1999/xhtml"><head><title>DR test report</title><style>
                @page { size: A4; margin: 18mm 15mm 20mm 15mm;
                        @bottom-center { content: "Page " counter(page) " of " counter(pages);
                                        font-family: 'DejaVu Sans'; font-size: 8pt; } }
                body { font-family: 'DejaVu Sans'; font-size: 9pt; color: #222; }
                h1 { font-size: 16pt; margin: 0 0 4pt 0; } h2 { font-size: 11pt; margin: 14pt 0 4pt 0; }
                table { border-collapse: collapse; width: 100%; } td, th { border: 0.5pt solid #999; padding: 2pt 4pt;
                text-align: left; vertical-align: top; } th { background: #eee; } .missed, .mismatch { color: #b00; font-weight: bold; }
                .muted { color: #666; }
                </style></head><body>
                """);
        html.append("<h1>Disaster-recovery test report</h1>");
        html.append("<p class=\"muted\">").append(e(r.environmentName())).append(" (").append(e(r.environmentId()))
                .append(") &#8212; test ").append(e(r.testId())).append("</p>");

        html.append("<h2>Summary</h2><table>");
        row(html, "Started by", e(r.startedBy()));
        row(html, "Started", time(r.startedAt()));
        row(html, "Ended", time(r.endedAt()));
        row(html, "Technical status", e(r.status()) + (r.failedStep() == null ? ""
                : " at " + e(r.failedStep()) + ": " + e(r.failureReason())));
        row(html, "Moved", e(r.sourceRegion()) + " &#8594; " + e(r.drRegion()));
        row(html, "Backup restored", e(r.backup().backupId()) + ", taken " + time(r.backup().takenAt()));
        row(html, "Result (customer's verdict)", e(r.result()));
        row(html, "Reason", e(r.reason()));
        row(html, "Observations", e(r.observations()).replace("\n", "<br/>"));
        html.append("</table>");

        html.append("<h2>Recovery objectives</h2><table><tr><th>Measure</th><th>Actual</th><th>Target</th>"
                + "<th>Verdict</th></tr>");
        objective(html, "RTO, automated", r.automatedRto(), r.targets().rto(), r.automatedRtoVerdict());
        objective(html, "RTO, full (next steps closed)", r.fullRto(), r.targets().rto(), r.fullRtoVerdict());
        objective(html, "RPO (data-loss window)", r.rpo(), r.targets().rpo(), r.rpoVerdict());
        html.append("</table>");

        html.append("<h2>Failover steps</h2><table><tr><th>Step</th><th>Status</th><th>Attempts</th><th>Started</th>"
                + "<th>Ended</th></tr>");
        for (StepView step : r.steps()) {
            html.append("<tr><td>").append(e(step.step())).append("</td><td>").append(e(step.status()))
                    .append(step.failureReason() == null ? "" : ": " + e(step.failureReason())).append("</td><td>")
                    .append(step.attempt()).append("</td><td>").append(time(step.startedAt())).append("</td><td>")
                    .append(time(step.endedAt())).append("</td></tr>");
        }
        html.append("</table>");

        html.append("<h2>Configuration parity (source vs new)</h2>");
        if (r.parity().isEmpty()) {
            html.append("<p class=\"muted\">Not verified yet.</p>");
        } else {
            List<String> findings = r.parity().stream().filter(p -> !p.match()).map(DrTestReport.ParityRow::item).toList();
            html.append(findings.isEmpty() ? "<p>No findings: every item matches the source.</p>"
                    : "<p class=\"mismatch\">Findings: " + findings.size() + " item(s) differ from the source: "
                    + e(String.join(", ", findings)) + ".</p>");
            html.append("<table><tr><th>Item</th><th>Source</th><th>New</th><th>Parity</th></tr>");
            for (DrTestReport.ParityRow p : r.parity()) {
                html.append("<tr><td>").append(e(p.item())).append("</td><td>").append(e(p.source()))
                        .append("</td><td>").append(e(p.target())).append("</td><td")
                        .append(p.match() ? ">match" : " class=\"mismatch\">MISMATCH").append("</td></tr>");
            }
            html.append("</table>");
        }

        html.append("<h2>Kept configurations</h2><table>");
        row(html, "Error monitoring (Sentry)", yes(r.keptConfiguration().errorMonitoring()));
        row(html, "HIPAA mode", yes(r.keptConfiguration().hipaaMode()));
        row(html, "Log separation", yes(r.keptConfiguration().logSeparation()));
        row(html, "WAF IP filtering rules", e(String.join(", ", r.keptConfiguration().wafIpRules())));
        row(html, "External connections", e(String.join(", ", r.keptConfiguration().externalConnections().stream()
                .map(c -> c.name() + " (" + c.engine() + ")").toList())));
        html.append("</table>");

        html.append("<h2>Mandatory next steps</h2>");
        if (r.nextSteps().isEmpty()) {
            html.append("<p class=\"muted\">They exist once the test has completed.</p>");
        } else {
            html.append("<table><tr><th>Step</th><th>How</th><th>State</th><th>Note</th><th>By, when</th></tr>");
            for (DrTestReport.NextStepView step : r.nextSteps()) {
                html.append("<tr><td>").append(e(step.title())).append("</td><td>").append(e(step.how()))
                        .append("</td><td>").append(e(step.state())).append("</td><td>").append(e(step.note()))
                        .append("</td><td>").append(step.updatedBy() == null ? "" : e(step.updatedBy()) + ", "
                                + time(step.updatedAt())).append("</td></tr>");
            }
            html.append("</table>");
        }

        html.append("<h2>Edits of this report</h2>");
        if (r.edits().isEmpty()) {
            html.append("<p class=\"muted\">None.</p>");
        } else {
            html.append("<table><tr><th>When</th><th>Who</th><th>Change</th></tr>");
            for (DrTestReport.Edit edit : r.edits()) {
                StringBuilder changes = new StringBuilder();
                for (ReportEditedEvent.Change c : edit.changes()) {
                    changes.append(e(c.attribute())).append(": \u201c").append(e(c.from())).append("\u201d &#8594; \u201c")
                            .append(e(c.to())).append("\u201d<br/>");
                }
                html.append("<tr><td>").append(time(edit.at())).append("</td><td>").append(e(edit.by()))
                        .append("</td><td>").append(changes).append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("<p class=\"muted\">Report version ").append(r.version())
                .append(r.asOf() == null ? "" : ", as it stood at " + time(r.asOf()))
                .append(". The audit trail of this test, with its hash chain, is at /api/dr-tests/")
                .append(e(r.testId())).append("/audit.</p></body></html>");

        try {
            return font.render(html.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report of " + r.testId(), e);
        }
    }

    private void row(StringBuilder html, String label, String value) {
        html.append("<tr><th style=\"width:32%\">").append(e(label)).append("</th><td>").append(value)
                .append("</td></tr>");
    }

    private void objective(StringBuilder html, String label, Duration actual, Duration target,
                           DrTestReport.Verdict verdict) {
        html.append("<tr><td>").append(e(label)).append("</td><td>").append(duration(actual)).append("</td><td>")
                .append(duration(target)).append("</td><td")
                .append(verdict == DrTestReport.Verdict.MISSED ? " class=\"missed\">" : ">").append(e(verdict))
                .append("</td></tr>");
    }

    private static String duration(Duration d) {
        if (d == null) {
            return "&#8212;";
        }
        long seconds = d.toSeconds();
        return seconds < 60 ? d.toMillis() / 1000.0 + " s"
                : String.format("%d h %02d min %02d s", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    private static String time(Instant instant) {
        return instant == null ? "&#8212;" : TIME.format(instant);
    }

    private static String yes(boolean value) {
        return value ? "kept (on)" : "off";
    }

    /**
     * Any value as XHTML text the PDF can show: XML's specials escaped; what is no character (a lone surrogate,
     * a non-character such as U+FFFE, a control other than tab and line feed) replaced by U+FFFD; a character
     * the font has no glyph for written as its code point, e.g. {@code U+65E5}.
     */
    String e(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append((char) c);
                case '\r' -> {
                    if (i >= text.length() || text.charAt(i) != '\n') {
                        out.append('\n');
                    }
                }
                default -> {
                    int shown = isCharacter(c) ? c : REPLACEMENT;
                    if (font.canDraw(shown)) {
                        out.appendCodePoint(shown);
                    } else {
                        out.append(String.format("U+%04X", shown));
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isCharacter(int c) {
        return Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.SURROGATE
                && (c & 0xFFFE) != 0xFFFE && !(c >= 0xFDD0 && c <= 0xFDEF);
    }
}
