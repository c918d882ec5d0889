/** Typed failures carrying the status and code of API.md §6. */
package io.restream.core.error;
