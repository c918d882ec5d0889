package io.restream.sim.api;

/** Where the simulator's own ingest listens, as the platform APIs hand it out. */
public record IngestAddresses(String host, int rtmpPort, int rtmpsPort) {
    public String rtmp(String app) {
        return "rtmp://" + host + ":" + rtmpPort + "/" + app;
    }

    public String rtmps(String app) {
        return "rtmps://" + host + ":" + rtmpsPort + "/" + app;
    }

    /** Kick hands out the bare host; clients add {@code :443/app/<key>} (here the port is explicit). */
    public String rtmpsHost() {
        return "rtmps://" + host + ":" + rtmpsPort;
    }
}
