package io.restream.platforms.pasted;

import io.restream.core.model.Platform;
import io.restream.platforms.PlatformEndpoints;
import io.restream.platforms.PlatformModule;
import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.TokenKeeper;

/** A destination without a platform API (custom RTMP/RTMPS, Instagram): always enabled, no chat. */
public final class PastedModule implements PlatformModule {
    private final Platform platform;
    private final String watchUrlPattern;

    private PastedModule(Platform platform, String watchUrlPattern) {
        this.platform = platform;
        this.watchUrlPattern = watchUrlPattern;
    }

    public static PastedModule custom() {
        return new PastedModule(Platform.CUSTOM, null);
    }

    public static PastedModule instagram() {
        return new PastedModule(Platform.INSTAGRAM, "https://www.instagram.com/%s/live/");
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public BroadcastSetup broadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return new PastedIngestSetup(watchUrlPattern);
    }
}
