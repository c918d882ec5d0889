/** Facebook: Facebook Login with the long-lived token exchange, a live video per job (RTMPS), ended on stop. */
package io.restream.oauth.facebook;
