package io.restream.worker.source.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The helper process that receives one WebRTC source (started by {@link PullProcess}, same class
 * path), so that a crash in the native WebRTC stack ends this process and never the worker.
 * It does no HTTP and sees no secret: the worker signals, and the two talk in JSON lines.
 *
 * <pre>
 *   stdin (worker → helper)                          stdout (helper → worker)
 *   {"op":"config","fps","maxHeight","stallMs"}      (first line)
 *   {"op":"offer","audio":bool}                      {"ev":"offer","sdp"}     recvonly, all candidates
 *   {"op":"answer","sdp"}                            {"ev":"ok"}
 *   {"op":"remote-offer","sdp"}                      {"ev":"answer","sdp"}
 *                                                    {"ev":"media","width","height","videoPort","audioPort"}
 *                                                    {"ev":"stalled"} / {"ev":"live"} / {"ev":"error","message"}
 *   end of stdin: the helper closes everything and exits
 * </pre>
 * Anything else the process prints (libraries, the native stack) goes to stderr.
 */
public final class WebRtcPullMain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebRtcPullMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        JsonNode config = JSON.readTree(in.readLine());
        RawMediaServer media = new RawMediaServer(config.path("fps").asInt(30), config.path("maxHeight").asInt(1080),
                config.path("stallMs").asLong(3000), line -> send(protocol, line));
        PullPeer peer = new PullPeer(media, line -> send(protocol, line));
        try {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode msg = JSON.readTree(line);
                try {
                    switch (msg.path("op").asText()) {
                        case "offer" -> send(protocol, event("offer").put("sdp", peer.offer(msg.path("audio").asBoolean(true))).toString());
                        case "answer" -> {
                            peer.answer(msg.path("sdp").asText());
                            send(protocol, event("ok").toString());
                        }
                        case "remote-offer" -> send(protocol, event("answer").put("sdp", peer.answerOffer(msg.path("sdp").asText())).toString());
                        default -> send(protocol, event("error").put("message", "unknown op").toString());
                    }
                } catch (Exception e) {
                    send(protocol, event("error").put("message", String.valueOf(e.getMessage())).toString());
                }
            }
        } finally {
            media.close();
            peer.close();
            // the native stack's threads may not all be daemons: leave at once
            Runtime.getRuntime().halt(0);
        }
    }

    private static ObjectNode event(String name) { return JSON.createObjectNode().put("ev", name); }

    private static void send(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
        }
    }
}
