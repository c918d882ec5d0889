/** Network guards for user-given URLs (SSRF) and helpers to keep secrets out of logged URLs. */
package io.restream.core.net;
