/** Where the bundled FFmpeg lives and how to start it. */
package io.restream.core.media;
