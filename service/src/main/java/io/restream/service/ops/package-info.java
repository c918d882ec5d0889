/** Operations routes: health, readiness, Prometheus metrics, the OpenAPI document, JWKS, platforms. */
package io.restream.service.ops;
