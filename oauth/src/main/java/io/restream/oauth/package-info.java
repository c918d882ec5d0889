/**
 * Platform ports and adapters. One small interface per capability ({@link io.restream.oauth.BroadcastSetup}
 * here; OAuth, chat and viewers beside it), one package per platform implementing them, and exactly
 * one place, {@link io.restream.oauth.PlatformAdapters}, mapping a platform to its adapters.
 */
package io.restream.oauth;
