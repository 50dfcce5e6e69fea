package io.rehearsal.ui;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A browser keeps its connection alive and sends its next request the moment the last answer is in: a page's
 * session check, then one of the dashboard's files (answered at once). On that sequence the web server
 * stopped reading the connection within a few dozen requests (see {@code KeepAliveReads}), and the dashboard's
 * next request hung until the connection closed.
 */
class KeepAliveConnectionsTest extends RunningApplicationTest {

    private static final int REQUESTS = 2_000;
    private static final int ANSWER_TIMEOUT_MS = 10_000;

    @LocalServerPort
    int port;

    @Test
    void aKeptAliveConnectionAnswersEveryRequestSentAsSoonAsTheLastAnswerIsIn() throws IOException {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String cookies = SignedInBrowser.signIn(http, "operator").cookieHeader();
        List<String> paths = List.of("/api/session", "/assets/test.js");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int answered = 0;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < REQUESTS && System.nanoTime() < deadline; i++) {
                String path = paths.get(i % paths.size());
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nCookie: " + cookies
                        + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Answer answer;
                try {
                    answer = Answer.read(in);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("request " + (i + 1) + " (" + path + ") on the kept-alive connection was not"
                            + " answered within " + ANSWER_TIMEOUT_MS + " ms, after " + answered + " answers", e);
                }
                assertThat(answer.status()).as("request %d (%s)", i + 1, path).isEqualTo("HTTP/1.1 200 OK");
                assertThat(answer.connectionClose()).as("request %d (%s) closed the connection", i + 1, path).isFalse();
                answered++;
            }
        }
        // all of them on the one connection: none was answered by closing it (Answer.read throws on an end)
        if (answered < 200) {
            fail("only " + answered + " requests fitted in " + DEADLINE + ": too few to show anything");
        }
    }

    /** One HTTP/1.1 answer, its body read to its end (by its length, or chunk by chunk). */
    private record Answer(String status, boolean connectionClose) {

        static Answer read(InputStream in) throws IOException {
            String status = line(in);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
                    skip(in, size);
                    line(in);
                }
                while (!line(in).isEmpty()) {
                    // trailers, up to the empty line that ends the answer
                }
            } else if (length > 0) {
                skip(in, length);
            }
            return new Answer(status, close);
        }

        private static long chunkSize(String line) {
            int extension = line.indexOf(';');
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        private static void skip(InputStream in, long bytes) throws IOException {
            if (in.readNBytes((int) bytes).length < bytes) {
                throw new EOFException("the server closed the connection inside an answer");
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
