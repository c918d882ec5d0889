/** The HTTP API of docs/API.md: the role's wiring ({@link io.restream.service.ServiceRole}) and its shared context. */
package io.restream.service;
