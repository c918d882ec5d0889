/** Typed failures carrying the status and code of docs/API.md §6. */
package io.restream.core.error;
