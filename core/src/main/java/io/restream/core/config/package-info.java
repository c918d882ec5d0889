/** Layered settings (file, then environment) and the configuration every role shares. */
package io.restream.core.config;
