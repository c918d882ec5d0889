/**
 * Platform ports and adapters. The interfaces live in {@code port}; each platform has one package
 * ({@code twitch}, {@code youtube}, {@code kick}, {@code facebook}, {@code pasted} for the
 * destinations without an API) holding everything about it behind one
 * {@link io.restream.platforms.PlatformModule} (configuration defaults, sign-in, going live, chat,
 * viewers); {@code support} is what they share (the one HTTP helper {@code PlatformHttp}, the
 * ScribeJava flow, {@code TokenKeeper}). {@link io.restream.platforms.PlatformModules} registers the
 * modules, one line each; {@link io.restream.platforms.OAuthConfig},
 * {@link io.restream.platforms.ChatEndpoints}, {@link io.restream.platforms.PlatformAdapters} and
 * {@link io.restream.platforms.ChatAdapters} loop over them and name no platform.
 */
package io.restream.platforms;
