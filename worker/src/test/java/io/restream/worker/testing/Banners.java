package io.restream.worker.testing;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.imageio.ImageIO;

/** A banner PNG served over HTTP on loopback, and a pixel check for it in decoded frames. */
public final class Banners {
    private Banners() {}

    /** Serves a solid {@code color} PNG of {@code w}×{@code h} at {@code /banner.png}. */
    public static HttpServer serve(Color color, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/banner.png", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.size());
            ex.getResponseBody().write(png.toByteArray());
            ex.close();
        });
        http.start();
        return http;
    }

    public static String url(HttpServer http) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/banner.png";
    }

    /** Whether row 10 of an RGB24 frame is {@code color} across its width (a test pattern never is). */
    public static boolean atTop(byte[] rgb, int width, Color color) {
        return onRow(rgb, width, 10, color);
    }

    /** Whether row {@code row} of an RGB24 frame is {@code color} across its width. */
    public static boolean onRow(byte[] rgb, int width, int row, Color color) {
        if (rgb.length < width * (row + 10) * 3) return false;
        for (int k = 0; k < 6; k++) {
            int x = 10 + k * (width - 20) / 5;
            int i = (row * width + x) * 3;
            if (Math.abs((rgb[i] & 0xff) - color.getRed()) > 40 || Math.abs((rgb[i + 1] & 0xff) - color.getGreen()) > 40
                    || Math.abs((rgb[i + 2] & 0xff) - color.getBlue()) > 60) {
                return false;
            }
        }
        return true;
    }
}
