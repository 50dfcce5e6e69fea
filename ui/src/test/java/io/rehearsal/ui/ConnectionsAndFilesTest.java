package io.rehearsal.ui;

import io.rehearsal.api.DrTestView;
import io.rehearsal.api.TestStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * What the server holds for a client and keeps on disk: half-sent requests are closed, the progress stream is
 * not, and the data directory is its owner's alone. Timeouts of a second here, to see them act.
 */
@TestPropertySource(properties = {"server.netty.idle-timeout=1s", "rehearsal.web.read-timeout=1s",
        "rehearsal.web.request-timeout=3s"})
class ConnectionsAndFilesTest extends RunningApplicationTest {

    /** far past every timeout above: a connection still open then is held for good */
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(15);
    private static final String ENV = "acme-prod";

    @LocalServerPort
    int port;
    @Value("${rehearsal.data-dir}")
    Path dataDir;

    @Test
    void aRequestWhoseHeadersNeverFinishIsClosed() throws IOException {
        awaitClosed("GET /api/environments HTTP/1.1\r\nHost: localhost\r\nAccept: appl");
    }

    @Test
    void aRequestWhoseHeadersTrickleInAByteAtATimeIsClosed() throws IOException {
        // the idle timeout counts from the last whole request, not from the last byte
        awaitClosedWhileTrickling("GET /api/environments HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    }

    @Test
    void aRequestWhoseBodyTricklesInAByteAtATimeIsClosed() throws IOException {
        // each byte within the read timeout: the request timeout bounds the body as a whole
        awaitClosedWhileTrickling(editHead(1000) + "{\"reason\":\"");
    }

    @Test
    void aRequestWhoseBodyNeverFinishesIsClosed() throws IOException {
        awaitClosed(editHead(200) + "{\"reason\":\"half of it");
    }

    @Test
    void aProgressStreamOutlivesTheTimeoutsOnItsHeartbeats() {
        gate.hold(ENV);
        try {
            String testId = startTest(ENV, "ACME Production");
            long started = System.nanoTime();
            List<Long> arrivals = as("auditor").get().uri("/api/dr-tests/{id}/stream", testId)
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<DrTestView>>() {
                    }).getResponseBody()
                    .map(event -> Duration.ofNanos(System.nanoTime() - started).toMillis())
                    .take(Duration.ofMillis(4_500)).collectList().block(DEADLINE);
            assertThat(arrivals).as("events until 4.5 s, three times the longest timeout").isNotEmpty();
            assertThat(arrivals.get(arrivals.size() - 1)).as("the stream still delivers after 4 s").isGreaterThan(4_000);
            gate.release(ENV);
            awaitStatus(testId, TestStatus.COMPLETED);
        } finally {
            gate.release(ENV);
        }
        awaitIdle(ENV);
    }

    @Test
    void everythingUnderTheDataDirectoryIsTheOwnersAlone() throws IOException {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).as("POSIX permissions").contains("posix");
        String testId = startTest(ENV, "ACME Production");
        awaitStatus(testId, TestStatus.COMPLETED);
        Path outbox = dataDir.resolve("outbox");
        // the mail of the test's end: the last file a finished test leaves
        await().atMost(DEADLINE).until(() -> Files.isDirectory(outbox) && mails(outbox).anyMatch(m -> m.contains(testId)));
        awaitIdle(ENV);

        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(dataDir)) {
            for (Path path : tree.toList()) {
                modes.put(dataDir.relativize(path).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        assertThat(modes).as("what the application keeps")
                .containsKeys("", "rehearsal.mv.db", "projections.mv", "simulator", "simulator/journal.jsonl",
                        "notifications/sent.jsonl", "outbox");
        assertThat(modes.keySet()).anyMatch(path -> path.startsWith("outbox/") && path.endsWith(".eml"));
        modes.forEach((path, mode) -> assertThat(mode).as(path.isEmpty() ? "the data directory" : path)
                .isEqualTo(Files.isDirectory(dataDir.resolve(path)) ? "rwx------" : "rw-------"));
    }

    /** The head of an edit of a report that does not exist: the server reads the whole body before it can say so. */
    private static String editHead(int contentLength) {
        String auth = Base64.getEncoder().encodeToString("operator:operator-secret".getBytes(StandardCharsets.UTF_8));
        return "PUT /api/dr-tests/0f0e0d0c-0000-4000-8000-000000000000/report HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Basic " + auth + "\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n";
    }

    /** Sends {@code head}, then a byte every 400 ms, until the server ends the connection (bounded). */
    private void awaitClosedWhileTrickling(String head) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(400); // the pace: each read waits this long for the server to close
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (Duration.ofNanos(System.nanoTime() - started).compareTo(CLOSE_DEADLINE) < 0) {
                try {
                    socket.getOutputStream().write('a');
                    socket.getOutputStream().flush();
                    while (in.read() >= 0) {
                        // an answer before the close, if the server gives one
                    }
                    return; // closed by the server
                } catch (SocketTimeoutException e) {
                    // still open: the next byte
                } catch (SocketException e) {
                    return; // reset by the server, or the write refused: closed
                }
            }
            fail("the server still took bytes after " + CLOSE_DEADLINE.toSeconds() + " s");
        }
    }

    private static Stream<String> mails(Path outbox) throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(f -> f.getFileName().toString()).toList().stream();
        }
    }

    /** Sends {@code half} and waits, bounded, for the server to end the connection (an answer may come first). */
    private void awaitClosed(String half) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) CLOSE_DEADLINE.toMillis());
            socket.getOutputStream().write(half.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // an answer before the close, if the server gives one
                }
            } catch (SocketTimeoutException e) {
                fail("the server still held the half-sent request open after " + CLOSE_DEADLINE.toSeconds() + " s");
            } catch (SocketException e) {
                // reset by the server: closed too
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed by the server within its timeout")
                    .isLessThan(CLOSE_DEADLINE);
        }
    }
}
