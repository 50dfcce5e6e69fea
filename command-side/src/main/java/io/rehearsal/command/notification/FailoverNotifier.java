package io.rehearsal.command.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rehearsal.api.DrTestId;
import io.rehearsal.api.FailoverCompletedEvent;
import io.rehearsal.api.FailoverFailedEvent;
import io.rehearsal.api.FailoverStartedEvent;
import io.rehearsal.api.NextStep;
import io.rehearsal.command.RehearsalProperties;
import io.rehearsal.command.infrastructure.JsonLinesJournal;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mails the end of a test: completed (with the mandatory next steps) or failed (with the step and the reason).
 * A side effect, so never replayed, and idempotent: each mail is remembered in a journal once sent, and a mail
 * about an event older than {@code rehearsal.notifications.max-age} is not sent (a new processor would otherwise
 * mail the whole history).
 */
@ProcessingGroup(FailoverNotifier.PROCESSING_GROUP)
public class FailoverNotifier implements AutoCloseable {

    public static final String PROCESSING_GROUP = "notifications";

    private static final Logger log = LoggerFactory.getLogger(FailoverNotifier.class);

    record Sent(String key) {
    }

    private final MailTransport transport;
    private final EventStore eventStore;
    private final RehearsalProperties.Notifications settings;
    private final Clock clock;
    private final Set<String> sent = new HashSet<>();
    private final JsonLinesJournal<Sent> journal;

    public FailoverNotifier(MailTransport transport, EventStore eventStore, RehearsalProperties properties,
                            Clock clock) {
        this.transport = transport;
        this.eventStore = eventStore;
        this.settings = properties.notifications();
        this.clock = clock;
        this.journal = new JsonLinesJournal<>(properties.dataDir().resolve("notifications").resolve("sent.jsonl"),
                Sent.class, new ObjectMapper(), entry -> sent.add(entry.key()));
    }

    @EventHandler
    @DisallowReplay
    void on(FailoverCompletedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
        FailoverStartedEvent test = started(event.testId());
        StringBuilder body = new StringBuilder()
                .append("The DR test of ").append(test.environmentName()).append(" completed at ")
                .append(event.completedAt()).append(".\n\n")
                .append(summary(test))
                .append("Automated RTO: ").append(event.automatedRto()).append(" (target ")
                .append(test.targets().rto()).append(")\n")
                .append("The environment now runs in ").append(test.drRegion()).append(".\n\n")
                .append("Mandatory next steps, to be marked done or not applicable in Rehearsal:\n");
        for (NextStep step : NextStep.values()) {
            body.append(" - ").append(step.title()).append(" (")
                    .append(step.how() == NextStep.How.SELF_SERVICE ? "self-service" : "support case").append(")\n");
        }
        body.append("\nReport: /api/dr-tests/").append(event.testId()).append("/report.pdf\n");
        mail(event.testId() + "/" + seq, at, "DR test of " + test.environmentName() + " completed", body.toString());
    }

    @EventHandler
    @DisallowReplay
    void on(FailoverFailedEvent event, @SequenceNumber long seq, @Timestamp Instant at) {
        FailoverStartedEvent test = started(event.testId());
        String body = "The DR test of " + test.environmentName() + " FAILED at " + event.step() + " ("
                + event.failedAt() + "):\n" + event.reason() + "\n\n" + summary(test)
                + "The environment stays unavailable until an ADMIN resumes the test.\n\n"
                + "Report: /api/dr-tests/" + event.testId() + "/report.pdf\n";
        mail(event.testId() + "/" + seq, at, "DR test of " + test.environmentName() + " FAILED at " + event.step(),
                body);
    }

    private String summary(FailoverStartedEvent test) {
        return "Test: " + test.testId() + "\nEnvironment: " + test.environmentName() + " (" + test.environmentId()
                + ")\nStarted by " + test.startedBy() + " at " + test.startedAt() + "\nRestored from backup "
                + test.backup().backupId() + "; data-loss window " + test.dataLossWindow() + "\n";
    }

    private void mail(String key, Instant at, String subject, String body) {
        if (Duration.between(at, clock.instant()).compareTo(settings.maxAge()) > 0) {
            log.info("Not mailing '{}': the event is older than {}", subject, settings.maxAge());
            return;
        }
        journal.exclusively(() -> {
            if (sent.contains(key)) {
                return null; // redelivered after a crash: mailed already
            }
            try {
                MimeMessage message = transport.newMessage();
                message.setFrom(new InternetAddress(settings.from(), "Rehearsal"));
                List<String> to = settings.recipients().isEmpty() ? List.of(settings.from()) : settings.recipients();
                for (String recipient : to) {
                    message.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(recipient));
                }
                message.setSubject(subject, "UTF-8");
                message.setText(body, "UTF-8");
                message.setSentDate(java.util.Date.from(clock.instant()));
                transport.send(message, key.replace('/', '-'));
            } catch (MessagingException | UnsupportedEncodingException e) {
                throw new IllegalStateException("cannot mail '" + subject + "'", e);
            }
            journal.append(new Sent(key));
            sent.add(key);
            log.info("Mailed '{}'", subject);
            return null;
        });
    }

    private FailoverStartedEvent started(DrTestId testId) {
        DomainEventStream stream = eventStore.readEvents(testId.value());
        return (FailoverStartedEvent) stream.next().getPayload();
    }

    @Override
    public void close() throws Exception {
        journal.close();
    }
}
