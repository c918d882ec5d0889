package io.restream.sim;

import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The simulator's configuration.
 *
 * @param port HTTP port of the simulated platforms and the control API (0 = any free port)
 * @param rtmpPort RTMP ingest port (0 = any free port)
 * @param rtmpsPort RTMPS ingest port (0 = any free port)
 * @param host the address everything binds to and the host the simulator hands out in URLs
 * @param autoApprove consent pages approve at once
 * @param portFile where the chosen HTTP port is written ({@code <data dir>/sim.port}), if anywhere
 */
public record SimConfig(int port, int rtmpPort, int rtmpsPort, String host, boolean autoApprove, Optional<Path> portFile) {
    public static final int DEFAULT_PORT = 8090;

    public static SimConfig from(Settings s, Problems problems) {
        return new SimConfig(
                (int) s.number("RESTREAM_SIM_PORT", DEFAULT_PORT, 0, 65535, problems),
                (int) s.number("RESTREAM_SIM_RTMP_PORT", 0, 0, 65535, problems),
                (int) s.number("RESTREAM_SIM_RTMPS_PORT", 0, 0, 65535, problems),
                s.get("RESTREAM_SIM_HOST", "127.0.0.1"),
                s.flag("RESTREAM_SIM_AUTO_APPROVE", false, problems),
                Optional.of(Path.of(s.get("RESTREAM_DATA_DIR", "./data")).toAbsolutePath().normalize().resolve("sim.port")));
    }

    /** Any free ports on loopback, nothing written: for tests. */
    public static SimConfig ephemeral(boolean autoApprove) {
        return new SimConfig(0, 0, 0, "127.0.0.1", autoApprove, Optional.empty());
    }
}
