/**
 * The Java client of the Restream API: {@link io.restream.sdk.RestreamStudio}, a stateful controller with
 * typed listeners ({@link io.restream.sdk.StudioListener}); the JDK HTTP client and Jackson only.
 */
package io.restream.sdk;
