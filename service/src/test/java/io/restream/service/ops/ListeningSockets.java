package io.restream.service.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The TCP sockets this JVM listens on ({@code /proc/self/fd} and {@code /proc/net/tcp[6]}), as "address:port". */
final class ListeningSockets {
    private ListeningSockets() {}

    static Set<String> ofThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (!f[3].equals("0A") || !inodes.contains(f[9])) continue; // 0A = LISTEN
                String[] local = f[1].split(":");
                out.add(address(local[0]) + ":" + Integer.parseInt(local[1], 16));
            }
        }
        return out;
    }

    private static String address(String hex) {
        if (hex.length() == 32 && hex.startsWith("0000000000000000FFFF0000")) return address(hex.substring(24)); // ::ffff:a.b.c.d
        if (hex.length() == 8) {
            return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                    + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
        }
        return hex.equals("00000000000000000000000000000000") ? "[::]" : "[" + hex + "]";
    }
}
