/**
 * Platform ports and adapters. The interfaces live in {@code port}; each platform has one package
 * ({@code twitch}, {@code youtube}, {@code kick}, {@code facebook}, {@code pasted} for the
 * destinations without an API) holding everything about it; {@code support} is what they share.
 * {@link io.restream.platforms.PlatformAdapters} is the one place that maps a platform to its adapters.
 */
package io.restream.platforms;
