package io.restream.chat;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.Tokens;

/**
 * The chat aggregator's configuration.
 *
 * @param instanceId this process's id in the job leases
 * @param leaseMs how long a job's chat lease lives without renewal: a crashed instance's jobs are
 *     taken over within about this plus {@code scanMs}
 * @param scanMs how often running jobs are looked at (leases renewed, sessions opened or closed)
 * @param viewersMs how often viewer counts are polled per live job
 */
public record ChatConfig(String instanceId, long leaseMs, long scanMs, long viewersMs) {
    public static final long DEFAULT_LEASE_MS = 10_000;
    public static final long DEFAULT_SCAN_MS = 1_000;
    public static final long DEFAULT_VIEWERS_MS = 10_000;

    public static ChatConfig defaults() {
        return new ChatConfig("chat_" + Tokens.random(10), DEFAULT_LEASE_MS, DEFAULT_SCAN_MS, DEFAULT_VIEWERS_MS);
    }

    public static ChatConfig from(Settings s, Problems problems) {
        long lease = s.number("RESTREAM_CHAT_LEASE_MS", DEFAULT_LEASE_MS, 2_000, 600_000, problems);
        long scan = s.number("RESTREAM_CHAT_SCAN_MS", DEFAULT_SCAN_MS, 100, 60_000, problems);
        if (scan * 2 > lease) problems.add("RESTREAM_CHAT_SCAN_MS must be at most half of RESTREAM_CHAT_LEASE_MS");
        return new ChatConfig(s.get("RESTREAM_CHAT_INSTANCE_ID", "chat_" + Tokens.random(10)), lease, scan,
                s.number("RESTREAM_CHAT_VIEWERS_MS", DEFAULT_VIEWERS_MS, 1_000, 600_000, problems));
    }
}
