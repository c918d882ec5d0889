package io.restream.sim.api;

/** What the platform APIs learn from the ingest: a stream key started or stopped publishing. */
public interface IngestListener {
    void published(String platform, String streamKey);

    void unpublished(String platform, String streamKey);
}
