package io.restream.service.http;

import io.vertx.ext.web.Router;

/**
 * One resource's routes. The API verticle lists every module in one place, so the route table
 * reads like the contract.
 */
public interface RouteModule {
    void mount(Router router);
}
