/** The operator's API: clients, keys, signing keys, jobs and workers across all clients. */
package io.restream.service.admin;
