package io.rehearsal.command.notification;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the configured SMTP server ({@code spring.mail.*}). */
public class SmtpTransport implements MailTransport {

    private final JavaMailSender sender;

    public SmtpTransport(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public MimeMessage newMessage() {
        return sender.createMimeMessage();
    }

    @Override
    public void send(MimeMessage message, String name) {
        sender.send(message);
    }
}
