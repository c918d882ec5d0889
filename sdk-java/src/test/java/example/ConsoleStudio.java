package example;

import io.restream.sdk.Comment;
import io.restream.sdk.Connection;
import io.restream.sdk.GoLive;
import io.restream.sdk.Job;
import io.restream.sdk.RestreamException;
import io.restream.sdk.RestreamOptions;
import io.restream.sdk.RestreamStudio;
import io.restream.sdk.SendResult;
import io.restream.sdk.StudioListener;
import io.restream.sdk.Viewers;
import java.awt.Desktop;
import java.net.URI;
import java.util.List;
import java.util.Scanner;
import java.util.concurrent.TimeUnit;

/**
 * A small console studio (the README's example, compiled with the tests so that it stays right):
 * connects Twitch through the browser, goes live with the sandbox's test picture, prints the chat
 * and sends what you type.
 */
public final class ConsoleStudio {
    private ConsoleStudio() {}

    public static void main(String[] args) throws Exception {
        RestreamOptions options = RestreamOptions.builder(URI.create(env("RESTREAM_API", "http://localhost:8080")))
                .secretKey(env("RESTREAM_SECRET_KEY", null))   // the sandbox prints one at its first start
                .userId(env("RESTREAM_USER", "console-user"))
                .build();
        try (RestreamStudio studio = RestreamStudio.create(options)) {
            studio.listen(new StudioListener() {
                @Override public void onComment(Comment c) {
                    System.out.printf("[%s] %s: %s%n", c.platform(), c.author(), c.message());
                }
                @Override public void onJob(Job job) {
                    System.out.println("job " + job.status() + " " + job.broadcasts());
                }
                @Override public void onViewers(Viewers v) {
                    System.out.println("viewers " + v.total() + " " + v.platforms());
                }
                @Override public void onError(RestreamException e) {
                    System.err.println("(" + e.status() + " " + e.code() + ") " + e.getMessage());
                }
            });
            studio.start();
            if (studio.connections().stream().noneMatch(c -> c.id().equals("twitch"))) {
                Connection twitch = studio.connect("twitch", ConsoleStudio::openBrowser).get(10, TimeUnit.MINUTES);
                System.out.println("connected Twitch as " + twitch.platformUsername());
            }
            Job job = studio.goLive(GoLive.to("demo-console", List.of("twitch")));
            System.out.println("going live (" + job.id() + "); type a chat message and Enter to send it, an empty line to stop");
            Scanner in = new Scanner(System.in);
            while (in.hasNextLine()) {
                String line = in.nextLine();
                if (line.isBlank()) break;
                for (SendResult r : studio.sendChat(line)) {
                    System.out.println("  sent to " + r.platform() + ": " + (r.ok() ? "ok" : r.error()));
                }
            }
            studio.stopLive();
        }
    }

    /** Returns at once: the browser comes back to the studio's loopback listener. */
    private static void openBrowser(URI uri) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(uri);
                return;
            }
        } catch (Exception e) {
            // no desktop here: print the link instead
        }
        System.out.println("Open this link in your browser to connect: " + uri);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v != null && !v.isBlank()) return v;
        if (fallback == null) throw new IllegalStateException("set " + name);
        return fallback;
    }
}
