package dev.ledgerline.emails;

import jakarta.activation.DataHandler;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Sends over SMTP with Jakarta Mail (Eclipse Angus): text and HTML as alternatives, the PDF beside them. */
@Singleton
public class SmtpMailer {

    private final SmtpProperties smtp;
    private final Session session;

    public SmtpMailer(SmtpProperties smtp) {
        this.smtp = smtp;
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host() == null ? "" : smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        String millis = Long.toString(smtp.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        boolean login = smtp.username() != null && !smtp.username().isBlank();
        props.put("mail.smtp.auth", Boolean.toString(login));
        this.session = login
                ? Session.getInstance(props, new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(smtp.username(), smtp.password() == null ? "" : smtp.password());
                    }
                })
                : Session.getInstance(props);
    }

    /** Sends the email; returns its Message-ID. Throws when the server did not take it. */
    public String send(Email email, String messageId) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId);
        message.setFrom(new InternetAddress(smtp.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());

        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        if (email.attachment() == null) {
            message.setContent(alternatives);
        } else {
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternatives);
            MimeBodyPart pdf = new MimeBodyPart();
            pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(email.attachment(), "application/pdf")));
            pdf.setFileName(email.attachmentName());
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(pdf);
            message.setContent(mixed);
        }
        message.saveChanges();
        Transport.send(message);
        return messageId;
    }

    /**
     * A Message-ID derived from the event, not made up per send: should a crash make the service
     * send an email twice, both copies carry one id, and mail clients show it once.
     */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
