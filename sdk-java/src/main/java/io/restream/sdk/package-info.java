/**
 * The Java client of the Restream API ({@code RestreamStudio}): the JDK HTTP client and Jackson
 * only, no Vert.x in its API.
 */
package io.restream.sdk;
