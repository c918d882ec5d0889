/** The per-job chat lease: which aggregator instance reads a running job's chat. */
package io.restream.chat.lease;
