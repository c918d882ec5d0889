/** The records of docs/API.md: jobs, broadcasts, overlays, connections, comments, viewers, scopes. */
package io.restream.core.model;
