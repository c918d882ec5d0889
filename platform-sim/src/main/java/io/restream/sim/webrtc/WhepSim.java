package io.restream.sim.webrtc;

import io.restream.sim.SimHttp;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;

/**
 * A WHEP endpoint (draft-ietf-wish-whep) in front of the simulated publishers:
 * {@code POST /whep/{publisherSessionId}} with an SDP offer ({@code application/sdp}) → {@code 201}
 * with the answer, an {@code ETag} and a relative {@code Location}; {@code DELETE} that location
 * ends the session. An unknown publisher is {@code 404}. Any bearer token is accepted; what was
 * sent is logged in {@link WebRtcPublishers} for tests.
 */
public final class WhepSim {
    private final Vertx vertx;
    private final WebRtcPublishers publishers;

    public WhepSim(Vertx vertx, WebRtcPublishers publishers) {
        this.vertx = vertx;
        this.publishers = publishers;
    }

    public void mount(Router router) {
        router.post("/whep/:id").handler(this::post);
        router.delete("/whep/:id/sessions/:session").handler(this::delete);
        router.patch("/whep/:id/sessions/:session").handler(rc -> rc.response().setStatusCode(405).putHeader("Allow", "DELETE").end());
    }

    private void post(RoutingContext rc) {
        String id = rc.pathParam("id");
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/sdp")) {
            rc.response().setStatusCode(415).end("offer must be application/sdp");
            return;
        }
        if (!WebRtcPublishers.isLive(id)) {
            SimHttp.json(rc, 404, Map.of("error", "no such publisher: ids starting with " + WebRtcPublishers.PREFIX + " are live"));
            return;
        }
        String offer = rc.body().asString();
        if (offer == null || !offer.startsWith("v=")) {
            rc.response().setStatusCode(400).end("not an SDP offer");
            return;
        }
        String auth = rc.request().getHeader("Authorization");
        vertx.executeBlocking(() -> {
            PublisherPeer peer = publishers.newPeer();
            String session = publishers.add(peer);
            if (session == null) {
                peer.close();
                return null;
            }
            try {
                String answer = peer.answer(offer);
                publishers.opened(new WebRtcPublishers.Opened("whep", id, auth, PublisherPeer.kindsIn(offer)));
                return new String[] {session, answer};
            } catch (Exception e) {
                publishers.close(session);
                throw e;
            }
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                rc.response().setStatusCode(400).end("could not answer the offer: " + ar.cause().getMessage());
            } else if (ar.result() == null) {
                rc.response().setStatusCode(503).end("too many receivers");
            } else {
                rc.response().setStatusCode(201).putHeader("Content-Type", "application/sdp")
                        .putHeader("ETag", "\"" + UUID.randomUUID() + "\"")
                        .putHeader("Location", id + "/sessions/" + ar.result()[0])
                        .end(ar.result()[1]);
            }
        });
    }

    private void delete(RoutingContext rc) {
        String session = rc.pathParam("session");
        String auth = rc.request().getHeader("Authorization");
        vertx.executeBlocking(() -> publishers.close(session), false).onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                publishers.ended(new WebRtcPublishers.End("whep-delete", session, java.util.List.of(), false, auth));
                rc.response().setStatusCode(200).end();
            } else {
                rc.response().setStatusCode(404).end();
            }
        });
    }
}
