/**
 * Signed webhooks to client backends (API.md §2): the operator's routes, the store, the feeder that
 * turns users' job and connection changes into events, and the deliveries with their retries.
 */
package io.restream.service.hooks;
