package io.restream.worker.destinations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restream.core.rtmp.Amf0;
import io.restream.core.rtmp.ChunkStream;
import io.restream.core.rtmp.RtmpMessage;
import io.restream.worker.fanout.FlvTag;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java publisher against a scripted RTMP server built from core's chunk stream and AMF0. */
class RtmpPublisherTest {
    @Test
    void refusesWhatIsNotRtmpAndSplitsLikeFfmpeg() throws IOException {
        assertThrows(IOException.class, () -> new RtmpPublisher("http://example.com/live/key"));
        assertThrows(IOException.class, () -> new RtmpPublisher("rtmp://example.com/key"));
        new RtmpPublisher("RTMPS://example.com/app/key");
    }

    @Test
    void publishesTagsAsRtmpMessagesAndUnpublishesOnClose() throws Exception {
        List<RtmpMessage> got = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> serve(server, null, got));
            RtmpPublisher p = new RtmpPublisher("rtmp://127.0.0.1:" + server.getLocalPort() + "/live/sub/key?x=1");
            p.open(Duration.ofSeconds(10));
            byte[] frame = new byte[10_000];
            frame[0] = 0x17;
            frame[1] = 1;
            p.write(List.of(FlvTag.fileHeader(),
                    new FlvTag(FlvTag.SCRIPT, 0, Amf0.encode("onMetaData", Map.of("width", 1280.0))).encode(),
                    new FlvTag(FlvTag.VIDEO, 0x1234567, frame).encode()));
            p.close();
            done.get(10, TimeUnit.SECONDS);
            RtmpMessage connect = find(got, "connect");
            assertEquals("live/sub", ((Map<?, ?>) Amf0.decodeAll(connect.payload(), 0).get(2)).get("app"));
            RtmpMessage publish = find(got, "publish");
            assertEquals("key?x=1", Amf0.decodeAll(publish.payload(), 0).get(3));
            RtmpMessage meta = got.stream().filter(m -> m.type() == RtmpMessage.DATA_AMF0).findFirst().orElseThrow();
            assertEquals(List.of("@setDataFrame", "onMetaData", Map.of("width", 1280.0)), Amf0.decodeAll(meta.payload(), 0));
            RtmpMessage video = got.stream().filter(m -> m.type() == RtmpMessage.VIDEO).findFirst().orElseThrow();
            assertEquals(0x1234567, video.timestamp()); // an extended timestamp survives the chunking
            assertArrayEquals(frame, video.payload());
            assertEquals(1, video.streamId());
            find(got, "FCUnpublish");
        }
    }

    @Test
    void aRefusedPublishIsRefused() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> serve(server, "NetStream.Publish.BadName", new CopyOnWriteArrayList<>()));
            RtmpPublisher p = new RtmpPublisher("rtmp://127.0.0.1:" + server.getLocalPort() + "/live/key");
            RtmpPublisher.Refused e = assertThrows(RtmpPublisher.Refused.class, () -> p.open(Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("NetStream.Publish.BadName"), e.getMessage());
        }
    }

    private static RtmpMessage find(List<RtmpMessage> got, String command) {
        return got.stream().filter(m -> m.type() == RtmpMessage.COMMAND_AMF0 && command.equals(Amf0.decodeAll(m.payload(), 0).get(0)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + command));
    }

    /** A minimal platform: handshake, answers connect/createStream/publish ({@code refuse}: with that code). */
    private static void serve(ServerSocket server, String refuse, List<RtmpMessage> got) {
        try (Socket s = server.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.readFully(new byte[1537]);
            byte[] s0s1s2 = new byte[1 + 1536 * 2];
            s0s1s2[0] = 3;
            out.write(s0s1s2);
            out.flush();
            in.readFully(new byte[1536]);
            ChunkStream chunks = new ChunkStream(in, out);
            while (true) {
                RtmpMessage m = chunks.read();
                got.add(m);
                if (m.type() == RtmpMessage.SET_CHUNK_SIZE) chunks.inChunkSize(ChunkStream.readInt(m.payload(), 0));
                if (m.type() != RtmpMessage.COMMAND_AMF0) continue;
                List<Object> c = Amf0.decodeAll(m.payload(), 0);
                switch ((String) c.get(0)) {
                    case "connect" -> chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", c.get(1), null,
                            Map.of("level", "status", "code", "NetConnection.Connect.Success")));
                    case "createStream" -> chunks.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, Amf0.encode("_result", c.get(1), null, 1.0));
                    case "publish" -> chunks.write(5, RtmpMessage.COMMAND_AMF0, 1, 0, Amf0.encode("onStatus", 0.0, null,
                            Map.of("level", refuse == null ? "status" : "error",
                                    "code", refuse == null ? "NetStream.Publish.Start" : refuse)));
                    default -> { }
                }
            }
        } catch (IOException e) {
            // the publisher closed: done
        }
    }
}
