package io.restream.sim.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A self-signed certificate for the simulator's RTMPS listener, made at start with the JDK's
 * {@code keytool} (an argument list, no shell) in a temporary folder that is deleted again.
 * Publishers must not verify it (FFmpeg's TLS does not verify by default).
 */
public final class SelfSignedTls {
    private SelfSignedTls() {}

    public static SSLServerSocketFactory create() {
        char[] pass = Long.toHexString(new java.security.SecureRandom().nextLong()).toCharArray();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sim-tls");
            Path store = dir.resolve("sim.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "sim", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-validity", "3650", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(pass), "-keypass", new String(pass)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool could not make the simulator's certificate");
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx.getServerSocketFactory();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the simulator's TLS could not be set up: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the simulator's certificate", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) Files.deleteIfExists(f);
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temp folder left behind
                }
            }
        }
    }
}
