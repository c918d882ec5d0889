/**
 * Hosted OAuth (docs/API.md §3): {@code POST /api/v1/connections/{platform}/authorize} hands out a
 * single-use start URL on this service; {@code /oauth/{platform}/start} redirects to the
 * platform's consent page with a single-use {@code state} (and PKCE where the platform takes it);
 * {@code /oauth/{platform}/callback} exchanges the code, stores the connection, and answers with a
 * page that posts the outcome to the opener window.
 */
package io.restream.service.oauth;
