package io.restream.app.deploy;

import io.restream.core.crypto.Tokens;
import io.restream.core.testing.TestSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small deployment as the operator runs it, each role in its own process on one Redis: the
 * platform simulator (consent approved automatically), then a service, a worker and a chat
 * aggregator pointed at it, with one admin token and the one test secrets key, and a small demo
 * picture to spare a loaded CPU. {@link #start} returns when every role is ready; closing ends
 * every process still running.
 */
public final class Deployment implements AutoCloseable {
    public final String admin = "adm_" + Tokens.random(24);
    public final RoleProcess sim;
    public final RoleProcess service;
    public final RoleProcess worker;
    public final RoleProcess chat;
    private final List<RoleProcess> roles;

    private Deployment(String redisUrl, List<RoleProcess> roles) {
        this.roles = roles;
        sim = started(RoleProcess.start("sim", Map.of("RESTREAM_SIM_AUTO_APPROVE", "true"))).awaitReady();
        Map<String, String> env = Map.of("REDIS_URL", redisUrl, "RESTREAM_ADMIN_TOKEN", admin,
                "RESTREAM_SECRETS_KEY", TestSecrets.KEY, "RESTREAM_SIM_URL", sim.simUrl(),
                "RESTREAM_DEMO_SIZE", "320x180", "RESTREAM_VIDEO_KBPS", "300");
        service = started(RoleProcess.start("service", env));
        worker = started(RoleProcess.start("worker", env));
        chat = started(RoleProcess.start("chat", env));
        for (RoleProcess r : roles) r.awaitReady();
    }

    /** Starts the four roles on the Redis at {@code redisUrl}; a role that does not come up fails this and ends the others. */
    public static Deployment start(String redisUrl) {
        List<RoleProcess> roles = new ArrayList<>();
        try {
            return new Deployment(redisUrl, roles);
        } catch (RuntimeException | Error e) {
            roles.forEach(RoleProcess::close);
            throw e;
        }
    }

    private RoleProcess started(RoleProcess r) {
        roles.add(r);
        return r;
    }

    /** Every role, the simulator first. */
    public List<RoleProcess> roles() {
        return List.copyOf(roles);
    }

    @Override
    public void close() {
        roles.forEach(RoleProcess::close);
    }
}
