package io.restream.platforms;

import io.restream.core.crypto.Secret;
import io.restream.core.model.Platform;
import io.restream.platforms.port.BroadcastSetup;
import io.restream.platforms.port.ChatSender;
import io.restream.platforms.port.ChatSource;
import io.restream.platforms.port.OAuthProvider;
import io.restream.platforms.port.StreamMetadata;
import io.restream.platforms.port.ViewerCounter;
import io.restream.platforms.support.PlatformHttp;
import io.restream.platforms.support.TokenKeeper;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything one platform contributes: its configuration defaults, its sign-in, going live, and its
 * chat, send and viewer adapters. Each platform package has one, registered with one line in
 * {@link PlatformModules}; {@link OAuthConfig}, {@link ChatEndpoints}, {@link PlatformAdapters} and
 * {@link ChatAdapters} loop over the registered modules and know no platform by name.
 */
public interface PlatformModule {
    Platform platform();

    /**
     * The platform's own URLs by setting name without the {@code RESTREAM_<PLATFORM>_} prefix
     * ({@code AUTH_URL}, {@code TOKEN_URL}, {@code REVOKE_URL}, {@code API_URL}, …), each overridable
     * by that setting. Empty for platforms without an API (pasted ingest URLs).
     */
    default Map<String, String> productionUrls() {
        return Map.of();
    }

    /** The same URLs at the platform simulator listening on {@code sim} (no trailing slash). */
    default Map<String, String> simulatorUrls(String sim) {
        return Map.of();
    }

    /** The scopes requested when {@code RESTREAM_<PLATFORM>_SCOPES} is not set. */
    default String defaultScopes() {
        return "";
    }

    /**
     * The configured app credentials and URLs as {@link PlatformEndpoints}: {@code AUTH_URL},
     * {@code TOKEN_URL}, {@code REVOKE_URL}, {@code API_URL}, and every other {@code X_URL} as
     * {@code more("x")} in lower case (Twitch's {@code VALIDATE_URL} → {@code more("validate")}).
     */
    default PlatformEndpoints endpoints(String clientId, Secret clientSecret, Map<String, String> urls) {
        Map<String, String> more = new HashMap<>();
        urls.forEach((k, v) -> {
            if (!List.of("AUTH_URL", "TOKEN_URL", "REVOKE_URL", "API_URL").contains(k)) {
                more.put(k.replaceFirst("_URL$", "").toLowerCase(Locale.ROOT), v);
            }
        });
        return new PlatformEndpoints(clientId, clientSecret, urls.get("AUTH_URL"), urls.get("TOKEN_URL"), urls.get("REVOKE_URL"),
                urls.get("API_URL"), Map.copyOf(more));
    }

    /** Sign-in, for a platform with OAuth that is configured ({@code endpoints}). */
    default Optional<OAuthProvider> oauth(PlatformEndpoints endpoints, OAuthConfig config, PlatformHttp http) {
        return Optional.empty();
    }

    /**
     * Going live. For a platform with an API, {@code endpoints} are its configuration and
     * {@code tokens} keeps its connections' tokens fresh; for pasted destinations all three are null.
     */
    BroadcastSetup broadcast(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens);

    /** Where the platform keeps a stream's title and description, when it has them (configured platforms only). */
    default Optional<StreamMetadata> metadata(PlatformEndpoints endpoints, PlatformHttp http, TokenKeeper tokens) {
        return Optional.empty();
    }

    /**
     * The URLs the chat adapters need, by name: from the configured {@code endpoints} when there are
     * some, else at the simulator {@code sim} when given, else the platform's own. Empty when the
     * platform has no chat API.
     */
    default Map<String, String> chatUrls(PlatformEndpoints endpoints, String sim) {
        return Map.of();
    }

    /** Chat in, chat out and viewers against {@code urls} (from {@link #chatUrls}), when the platform has them. */
    default Optional<Chat> chat(Map<String, String> urls, PlatformHttp http, ScheduledExecutorService timers) {
        return Optional.empty();
    }

    /**
     * One platform's chat adapters; any may be null where the platform offers no API.
     *
     * @param services further objects other components look up by type (Kick's webhook verifier)
     */
    record Chat(ChatSource source, ChatSender sender, ViewerCounter viewers, List<Object> services) {
        public Chat {
            services = List.copyOf(services);
        }

        /** One object that reads, sends and counts. */
        public static <T extends ChatSource & ChatSender & ViewerCounter> Chat of(T all, Object... services) {
            return new Chat(all, all, all, List.of(services));
        }
    }
}
