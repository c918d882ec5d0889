package io.restream.platforms;

import io.restream.core.model.Platform;
import io.restream.platforms.facebook.FacebookModule;
import io.restream.platforms.kick.KickModule;
import io.restream.platforms.pasted.PastedModule;
import io.restream.platforms.twitch.TwitchModule;
import io.restream.platforms.youtube.YouTubeModule;
import java.util.List;
import java.util.Optional;

/** The registered platforms: adding one is its package plus one line here (and its {@link Platform} constant). */
public final class PlatformModules {
    private static final List<PlatformModule> ALL = List.of(
            new TwitchModule(),
            new YouTubeModule(),
            new KickModule(),
            new FacebookModule(),
            PastedModule.custom(),
            PastedModule.instagram());

    private PlatformModules() {}

    public static List<PlatformModule> all() {
        return ALL;
    }

    public static Optional<PlatformModule> of(Platform platform) {
        return ALL.stream().filter(m -> m.platform() == platform).findFirst();
    }
}
