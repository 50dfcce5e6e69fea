package io.rehearsal.command.notification;

import io.rehearsal.command.OwnerOnly;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
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
            OwnerOnly.directory(outbox);
            Path file = outbox.resolve(name + ".eml");
            Path tmp = outbox.resolve(name + ".eml.tmp");
            message.saveChanges();
            try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(tmp, EnumSet.of(
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                    OwnerOnly.newFile(tmp)))) {
                message.writeTo(out);
            }
            OwnerOnly.restrict(tmp); // a left-over of a crash keeps the mode it had
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outbox " + outbox, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the mail " + name, e);
        }
    }
}
