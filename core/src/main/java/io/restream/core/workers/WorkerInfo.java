package io.restream.core.workers;

import java.util.List;

/** A live worker process as the admin API shows it. */
public record WorkerInfo(String id, String host, long startedAt, long lastHeartbeatAt, List<String> jobs) {}
