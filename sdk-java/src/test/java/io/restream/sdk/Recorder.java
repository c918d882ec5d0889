package io.restream.sdk;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A listener that records every call and the threads it came on. */
class Recorder implements StudioListener {
    final List<List<Connection>> connections = new CopyOnWriteArrayList<>();
    final List<Job> jobs = new CopyOnWriteArrayList<>();
    final List<Viewers> viewers = new CopyOnWriteArrayList<>();
    final List<Comment> comments = new CopyOnWriteArrayList<>();
    final AtomicReference<List<Comment>> lastList = new AtomicReference<>(List.of());
    final List<RestreamException> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    private void on() { threads.add(Thread.currentThread().getName()); }

    @Override public void onConnections(List<Connection> c) { on(); connections.add(c); }
    @Override public void onJob(Job j) { on(); jobs.add(j); }
    @Override public void onViewers(Viewers v) { on(); viewers.add(v); }
    @Override public void onComment(Comment c) { on(); comments.add(c); }
    @Override public void onComments(List<Comment> all) { on(); lastList.set(all); }
    @Override public void onError(RestreamException e) { on(); errors.add(e); }
    @Override public void onStreamOpen() { on(); opens.incrementAndGet(); }
    @Override public void onStreamClosed() { on(); closes.incrementAndGet(); }

    long count(String message) {
        return comments.stream().filter(c -> c.message().equals(message)).count();
    }

    List<Connection> lastConnections() {
        return connections.isEmpty() ? List.of() : connections.get(connections.size() - 1);
    }
}
