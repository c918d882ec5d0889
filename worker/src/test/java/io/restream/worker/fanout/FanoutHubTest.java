package io.restream.worker.fanout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FanoutHubTest {
    private static final FlvTag VIDEO_HEADER = new FlvTag(FlvTag.VIDEO, 0, new byte[] {0x17, 0, 0, 0, 0, 1});
    private static final FlvTag AUDIO_HEADER = new FlvTag(FlvTag.AUDIO, 0, new byte[] {(byte) 0xaf, 0, 0x11, (byte) 0x90});

    private static FlvTag key(int ts) { return new FlvTag(FlvTag.VIDEO, ts, new byte[] {0x17, 1, 0, 0, 0, 9, 9}); }

    private static FlvTag inter(int ts) { return new FlvTag(FlvTag.VIDEO, ts, new byte[] {0x27, 1, 0, 0, 0, 8}); }

    private static FlvTag audio(int ts) { return new FlvTag(FlvTag.AUDIO, ts, new byte[] {(byte) 0xaf, 1, 5, 5}); }

    private static List<FlvTag> drain(Feed feed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b; (b = feed.take(10, TimeUnit.MILLISECONDS)) != null; ) out.write(b);
        FlvReader reader = new FlvReader(new ByteArrayInputStream(out.toByteArray()));
        List<FlvTag> tags = new ArrayList<>();
        for (FlvTag t; (t = reader.next()) != null; ) tags.add(t);
        return tags;
    }

    @Test
    void aLateSubscriberStartsWithHeadersAndTheCurrentGopThenGetsLiveTags() throws Exception {
        FanoutHub hub = new FanoutHub();
        hub.publish(VIDEO_HEADER);
        hub.publish(AUDIO_HEADER);
        hub.publish(key(0));
        hub.publish(inter(33));
        hub.publish(key(2000));
        hub.publish(audio(2010));
        hub.publish(inter(2033));
        Feed feed = hub.subscribe("late", 1 << 20);
        hub.publish(inter(2066));
        List<FlvTag> got = drain(feed);
        assertEquals(List.of(0, 0, 2000, 2010, 2033, 2066), got.stream().map(FlvTag::timestamp).toList());
        assertTrue(got.get(0).isSequenceHeader() && got.get(0).isVideo());
        assertTrue(got.get(1).isSequenceHeader() && got.get(1).isAudio());
        assertTrue(got.get(2).isKeyframe());
    }

    @Test
    void aSubscriberBeforeAnyKeyframeWaitsForOne() throws Exception {
        FanoutHub hub = new FanoutHub();
        Feed feed = hub.subscribe("early", 1 << 20);
        hub.publish(VIDEO_HEADER);
        hub.publish(inter(10));
        hub.publish(audio(12));
        hub.publish(key(20));
        hub.publish(inter(53));
        assertEquals(List.of(0, 20, 53), drain(feed).stream().map(FlvTag::timestamp).toList());
    }

    @Test
    void aSlowSubscriberDropsWholeGopsOfItsOwnQueueOnly() throws Exception {
        FanoutHub hub = new FanoutHub();
        hub.publish(VIDEO_HEADER);
        Feed slow = hub.subscribe("slow", 300); // room for one GOP of this test, not two
        Feed fast = hub.subscribe("fast", 1 << 20);
        List<Integer> sent = new ArrayList<>();
        for (int gop = 0; gop < 5; gop++) {
            int base = gop * 2000;
            hub.publish(key(base));
            sent.add(base);
            for (int i = 1; i < 10; i++) {
                hub.publish(inter(base + i * 33));
                sent.add(base + i * 33);
            }
        }
        List<FlvTag> fastGot = drain(fast);
        assertEquals(sent, fastGot.stream().filter(t -> !t.isSequenceHeader()).map(FlvTag::timestamp).toList());
        List<FlvTag> slowGot = drain(slow).stream().filter(t -> !t.isSequenceHeader()).toList();
        assertTrue(slow.droppedGops() > 0, "the slow feed dropped");
        assertTrue(slowGot.get(0).isKeyframe(), "what is left starts on a key frame");
        for (int i = 1; i < slowGot.size(); i++) {
            FlvTag t = slowGot.get(i);
            if (!t.isKeyframe()) assertEquals(slowGot.get(i - 1).timestamp() + 33, t.timestamp(), "no hole inside a GOP");
        }
    }

    @Test
    void timestampsContinueAcrossEncoderRuns() throws Exception {
        FanoutHub hub = new FanoutHub();
        Feed feed = hub.subscribe("f", 1 << 20);
        hub.publish(key(0));
        hub.publish(inter(1000));
        hub.beginSegment();
        hub.publish(key(0));
        hub.publish(inter(33));
        assertEquals(List.of(0, 1000, 1040, 1073), drain(feed).stream().map(FlvTag::timestamp).toList());
        assertEquals(33, hub.lastSegmentTimestamp());
    }

    @Test
    void tagsSurviveTheWireFormat() throws Exception {
        FlvTag big = new FlvTag(FlvTag.VIDEO, 0x12345678, new byte[70_000]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FlvTag.fileHeader());
        out.write(big.encode());
        FlvReader reader = new FlvReader(new ByteArrayInputStream(out.toByteArray()));
        FlvTag back = reader.next();
        assertEquals(0x12345678, back.timestamp());
        assertArrayEquals(big.data(), back.data());
        assertNull(reader.next());
    }

    @Test
    void anEncoderRunsEndOfSequenceMarkerIsDroppedAndKeepsTheCachedGop() {
        FanoutHub hub = new FanoutHub();
        hub.publish(VIDEO_HEADER);
        hub.publish(key(0));
        hub.publish(inter(33));
        FlvTag endOfSequence = new FlvTag(FlvTag.VIDEO, 66, new byte[] {0x17, 2, 0, 0, 0});
        assertTrue(endOfSequence.isEndOfSequence());
        hub.publish(endOfSequence);
        byte[] gop = hub.currentGopVideo();
        assertEquals(13 + VIDEO_HEADER.encode().length + key(0).encode().length + inter(33).encode().length, gop.length,
                "header, sequence header, key frame and inter frame; no marker");
    }

    @Test
    void anAudioTagWaitsForTheNextVideoTagAndADrainTakesBothInOrder() throws Exception {
        FanoutHub hub = new FanoutHub();
        Feed feed = drainedFeedAfterAKeyFrame(hub);
        long before = feed.wakes();
        hub.publish(audio(10));
        assertEquals(before, feed.wakes(), "an audio tag alone does not wake the consumer");
        hub.publish(inter(33));
        assertEquals(before + 1, feed.wakes(), "the video tag after it does");
        List<byte[]> batch = new ArrayList<>();
        assertEquals(2, feed.drainTo(batch, 1, TimeUnit.SECONDS));
        assertEquals(List.of(10, 33), timestamps(batch), "one drain, in order");
        assertEquals(0, feed.queuedBytes());
    }

    @Test
    void aConsumerWaitingInDrainIsWokenByTheVideoTag() throws Exception {
        FanoutHub hub = new FanoutHub();
        Feed feed = drainedFeedAfterAKeyFrame(hub);
        CompletableFuture<List<byte[]>> woken = drainOnAnotherThread(feed);
        hub.publish(audio(10));
        hub.publish(inter(33));
        List<Integer> got = timestamps(woken.get(10, TimeUnit.SECONDS));
        assertEquals(33, got.get(got.size() - 1), "woken with the video tag: " + got);
    }

    @Test
    void withoutVideoEveryEighthAudioTagWakesTheConsumer() throws Exception {
        FanoutHub hub = new FanoutHub();
        Feed feed = drainedFeedAfterAKeyFrame(hub);
        long before = feed.wakes();
        for (int i = 1; i < Feed.AUDIO_TAGS_PER_WAKE; i++) hub.publish(audio(i * 21));
        assertEquals(before, feed.wakes(), "seven audio tags wait");
        hub.publish(audio(Feed.AUDIO_TAGS_PER_WAKE * 21));
        assertEquals(before + 1, feed.wakes(), "the eighth wakes the consumer");
        assertEquals(Feed.AUDIO_TAGS_PER_WAKE, feed.drainTo(new ArrayList<>(), 1, TimeUnit.SECONDS));
    }

    /** A feed subscribed after the sequence headers and a key frame, its primed tags already taken. */
    private static Feed drainedFeedAfterAKeyFrame(FanoutHub hub) throws InterruptedException {
        hub.publish(VIDEO_HEADER);
        hub.publish(AUDIO_HEADER);
        hub.publish(key(0));
        Feed feed = hub.subscribe("drained", 1 << 20);
        assertEquals(4, feed.drainTo(new ArrayList<>(), 1, TimeUnit.SECONDS), "FLV header, two sequence headers, the key frame");
        return feed;
    }

    private static List<Integer> timestamps(List<byte[]> wires) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FlvTag.fileHeader());
        for (byte[] w : wires) out.write(w);
        FlvReader reader = new FlvReader(new ByteArrayInputStream(out.toByteArray()));
        List<Integer> ts = new ArrayList<>();
        for (FlvTag t; (t = reader.next()) != null; ) ts.add(t.timestamp());
        return ts;
    }

    /**
     * A consumer blocked in drainTo (with a timeout far beyond the test's waits): returns once its
     * thread waits, so that what the test publishes next finds it waiting.
     */
    private static CompletableFuture<List<byte[]>> drainOnAnotherThread(Feed feed) {
        CompletableFuture<List<byte[]>> result = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            List<byte[]> got = new ArrayList<>();
            try {
                feed.drainTo(got, 60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            result.complete(got);
        }, "feed-consumer");
        consumer.setDaemon(true);
        consumer.start();
        await("the consumer waits").atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
        return result;
    }
}
