package io.rehearsal.command.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Writes each mail as an .eml file (RFC 5322, opens in any mail client), atomically, into a folder. */
public class OutboxTransport implements MailTransport {

    private final Path outbox;
    private final Session session = Session.getInstance(new Properties());

    public OutboxTransport(Path outbox) {
        this.outbox = outbox;
    }

    @Override
    public MimeMessage newMessage() {
        return new MimeMessage(session);
    }

    @Override
    public void send(MimeMessage message, String name) {
        try {
            Files.createDirectories(outbox);
            Path file = outbox.resolve(name + ".eml");
            Path tmp = outbox.resolve(name + ".eml.tmp");
            message.saveChanges();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                message.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outbox " + outbox, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the mail " + name, e);
        }
    }
}
