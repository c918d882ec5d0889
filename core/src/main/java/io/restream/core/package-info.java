/**
 * What every Restream role shares: the domain records of the API contract, the Redis layout and
 * the stores on it, configuration, secrets at rest and the URL guard.
 */
package io.restream.core;
