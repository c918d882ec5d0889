/**
 * Test fixtures for the worker's integration tests and benchmark: real RTMP/RTMPS receivers and a
 * live RTMP origin on loopback (FFmpeg behind small Java proxies), ffprobe checks, a test world on
 * real Redis, and a worker main for a child JVM that tests kill with SIGKILL.
 */
package io.restream.worker.testing;
