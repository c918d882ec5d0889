/** Going live: goLive validation, current/get/stop, live overlay changes and recordings. */
package io.restream.service.jobs;
