package io.restream.service.events;

import io.restream.core.chat.LogIds;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@code GET /api/v1/events} response. Everything runs on the request's event loop.
 *
 * <pre>
 *   CATCHING_UP ──goLive()──► LIVE ──client gone / too slow──► CLOSED
 *        └──────────────client gone──────────────────────────────┘
 * </pre>
 *
 * While catching up (replaying the chat log and sending the current state) live events are held
 * back; {@link #goLive} then sends them, skipping comments the replay already covered. Comments
 * are written only with log ids above the last one written, so nothing repeats. A client too slow
 * to take its events is closed rather than buffered without bound: it reconnects with its last id
 * and loses nothing.
 */
final class SseStream implements EventHub.Listener {
    private static final Logger log = LoggerFactory.getLogger(SseStream.class);
    /** Live events held back while catching up before the stream gives up on the client. */
    static final int MAX_PENDING = 10_000;
    /** Bytes queued on the socket before a client counts as too slow. */
    static final int WRITE_QUEUE_BYTES = 1024 * 1024;
    private static final Buffer PING = Buffer.buffer(": ping\n\n");

    private final Context context;
    private final HttpServerResponse response;
    private final Runnable onClose;
    private List<HubEvent> pending = new ArrayList<>();
    private String lastLogId;
    private boolean closed;
    private long pingTimer = -1;

    SseStream(Context context, HttpServerResponse response, String lastLogId, Runnable onClose) {
        this.context = context;
        this.response = response;
        this.lastLogId = lastLogId;
        this.onClose = onClose;
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
    }

    @Override
    public Context context() {
        return context;
    }

    /** Sends the response head and starts pings every {@code pingMs}. */
    void open(long pingMs) {
        if (closed) return;
        response.setChunked(true)
                .setStatusCode(200)
                .setWriteQueueMaxSize(WRITE_QUEUE_BYTES)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache, no-transform")
                .putHeader("X-Accel-Buffering", "no");
        response.write(Buffer.buffer("retry: 2000\n\n"));
        pingTimer = context.owner().setPeriodic(pingMs, id -> send(PING));
    }

    @Override
    public void onEvents(List<HubEvent> events, Buffer frames) {
        if (closed) return;
        if (pending != null) {
            pending.addAll(events);
            if (pending.size() > MAX_PENDING) close();
            return;
        }
        if (events.size() == 1) {
            write(events.get(0));
            return;
        }
        if (allNew(events)) {
            // The usual case: nothing in the batch was sent before, so the shared bytes go out as they are.
            for (HubEvent e : events) accept(e);
            send(frames);
            return;
        }
        Buffer out = Buffer.buffer();
        for (HubEvent e : events) {
            if (accept(e)) out.appendBuffer(e.frame());
        }
        if (out.length() > 0) send(out);
    }

    /** Writes a replayed or snapshot event while catching up. */
    void writeNow(HubEvent event) {
        if (!closed) write(event);
    }

    /** Ends catching up: sends what arrived meanwhile, then every event as it comes. */
    void goLive() {
        List<HubEvent> held = pending;
        pending = null;
        if (held != null) for (HubEvent e : held) {
            if (closed) return;
            write(e);
        }
    }

    @Override
    public void resume() {
        close();
    }

    boolean closed() {
        return closed;
    }

    void close() {
        if (closed) return;
        closed = true;
        pending = null;
        if (pingTimer >= 0) context.owner().cancelTimer(pingTimer);
        if (!response.ended() && !response.closed()) response.end();
        onClose.run();
    }

    private void write(HubEvent event) {
        if (accept(event)) send(event.frame());
    }

    /** Whether every comment of the batch is above the last one written (log ids rise within a batch). */
    private boolean allNew(List<HubEvent> events) {
        if (lastLogId == null) return true;
        for (HubEvent e : events) {
            if (e.isComment()) return LogIds.compare(e.logId(), lastLogId) > 0;
        }
        return true;
    }

    /** False for a comment at or below the last log id written (already sent): nothing repeats. */
    private boolean accept(HubEvent event) {
        if (event.isComment()) {
            if (lastLogId != null && LogIds.compare(event.logId(), lastLogId) <= 0) return false;
            lastLogId = event.logId();
        }
        return true;
    }

    private void send(Buffer frame) {
        if (closed) return;
        response.write(frame);
        if (response.writeQueueFull()) {
            log.info("closing an event stream whose client does not keep up; it resumes from its last id");
            close();
        }
    }
}
