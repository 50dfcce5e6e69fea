package io.rehearsal.command.notification;

import jakarta.mail.internet.MimeMessage;

/** Where notification mails go: an SMTP server, or (embedded) an outbox folder of .eml files. */
public interface MailTransport {

    MimeMessage newMessage();

    void send(MimeMessage message, String name);
}
