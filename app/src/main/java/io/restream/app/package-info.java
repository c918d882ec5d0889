/** The launcher: one jar, one command; every role in one JVM by default, or one role per process. */
package io.restream.app;
