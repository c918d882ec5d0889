/** The simulated OAuth servers: consent pages, codes, PKCE S256, expiring access tokens, rotating refresh tokens, revocation. */
package io.restream.sim.oauth;
