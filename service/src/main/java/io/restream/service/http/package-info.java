/** HTTP plumbing: the route table, the one error writer, CORS, metrics, request-body reading. */
package io.restream.service.http;
