/**
 * Hosted OAuth (docs/API.md §3): {@code POST /api/v1/connections/{platform}/authorize} checks where the
 * outcome may go (an opener origin on the client's allowlists, or a loopback {@code returnUrl}) and
 * hands out a single-use start URL on this service; {@code /oauth/{platform}/start} redirects to
 * the platform's consent page (forced every time) with a single-use {@code state} (and PKCE where
 * the platform takes it); {@code /oauth/{platform}/callback} exchanges the code and holds the grant
 * pending under a confirmation that only the opener receives; {@code POST
 * /api/v1/connections/{platform}/confirm} by the same client and user links it.
 */
package io.restream.service.oauth;
