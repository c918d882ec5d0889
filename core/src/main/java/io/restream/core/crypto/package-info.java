/** Secrets at rest (AES-GCM), redacted secret values, random ids and hashes. */
package io.restream.core.crypto;
