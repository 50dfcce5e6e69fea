package io.rehearsal.ui;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.rehearsal.api.EnvironmentView;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With an SMTP host configured, the end of a test is mailed over a real SMTP conversation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rehearsal.simulator.speed=1000", "rehearsal.simulator.backup-interval=1000d",
        "rehearsal.notifications.recipients[0]=dr-team@example.test",
        "rehearsal.users[0].username=operator", "rehearsal.users[0].password={noop}operator-secret",
        "rehearsal.users[0].role=OPERATOR"})
@AutoConfigureWebTestClient(timeout = "60s")
class SmtpNotificationTest {

    private static final GreenMail SMTP = startSmtp();

    @Autowired
    WebTestClient web;

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return smtp;
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")).toAbsolutePath(),
                "smtp-");
        registry.add("rehearsal.data-dir", dir::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void aCompletedTestIsMailedToTheRecipients() throws Exception {
        WebTestClient operator = web.mutate().defaultHeaders(h -> h.setBasicAuth("operator", "operator-secret")).build();
        await().atMost(Duration.ofSeconds(60)).until(() -> operator.get().uri("/api/environments/acme-preprod")
                .exchange().returnResult(EnvironmentView.class).getStatus().is2xxSuccessful());
        Map<?, ?> started = operator.post().uri("/api/environments/acme-preprod/dr-tests")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("acknowledgedPreconditions", RunningApplicationTest.ALL_PRECONDITIONS,
                        "confirmationName", "ACME Pre-Production"))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(SMTP.waitForIncomingEmail(60_000, 1)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("DR test of ACME Pre-Production completed");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("dr-team@example.test");
        assertThat(mail.getContent().toString()).contains((String) started.get("testId"), "Mandatory next steps");
    }
}
