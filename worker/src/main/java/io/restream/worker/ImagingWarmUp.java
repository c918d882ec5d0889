package io.restream.worker;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, once at start and in the background, what the first banner of a job needs: the JDK's HTTP
 * client, image decoding and 2D drawing. Their first use costs a second or more of class loading
 * and plugin scanning (several on a busy machine); without this, the first banner a streamer
 * PATCHes in would pay for it on air. The fetch goes to a one-shot server of its own on loopback.
 */
final class ImagingWarmUp {
    private static final Logger log = LoggerFactory.getLogger(ImagingWarmUp.class);

    private ImagingWarmUp() {}

    static void startInBackground() {
        Thread t = new Thread(ImagingWarmUp::run, "imaging-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            byte[] png = tinyPng();
            Thread answer = new Thread(() -> answerOnce(server, png), "imaging-warm-up-server");
            answer.setDaemon(true);
            answer.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/warm-up.png")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                ImageIO.read(new ByteArrayInputStream(body.readAllBytes()));
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            log.debug("imaging warm-up: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] tinyPng() throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static void answerOnce(ServerSocket server, byte[] png) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(10_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) break;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: " + png.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(png);
        } catch (IOException e) {
            log.debug("imaging warm-up server: {}", e.getMessage());
        }
    }
}
