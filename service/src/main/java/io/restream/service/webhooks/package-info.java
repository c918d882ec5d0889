/** Deliveries from platforms to the service: Kick's signed chat webhooks. */
package io.restream.service.webhooks;
