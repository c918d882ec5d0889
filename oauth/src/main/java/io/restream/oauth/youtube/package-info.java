/** YouTube: Google sign-in with PKCE, a reusable live stream per connection and a bound broadcast per job, completed on stop. */
package io.restream.oauth.youtube;
