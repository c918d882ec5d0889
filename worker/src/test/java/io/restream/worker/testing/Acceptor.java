package io.restream.worker.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collection;
import java.util.function.Consumer;

/** Accepts connections on a daemon thread until the socket closes, each handled on a thread of its own. */
final class Acceptor {
    private Acceptor() {}

    /** @param accepted every accepted socket is added here (so the owner can cut them) */
    static void start(ServerSocket server, Collection<Socket> accepted, Consumer<Socket> handler, String name) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    accepted.add(client);
                    Thread h = new Thread(() -> handler.accept(client), name + "-conn");
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, name + "-accept");
        t.setDaemon(true);
        t.start();
    }
}
