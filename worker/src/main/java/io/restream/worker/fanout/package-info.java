/**
 * The fan-out hub: parses the encoder's FLV output, keeps the sequence headers and the current
 * GOP, and hands tags to one bounded queue per consumer (a destination's push, the recorder).
 * A slow consumer drops whole GOPs of its own queue and never slows the others.
 */
package io.restream.worker.fanout;
