/** JSON mapping shared by every module. */
package io.restream.core.json;
