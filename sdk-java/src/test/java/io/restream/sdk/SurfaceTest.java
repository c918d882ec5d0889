package io.restream.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The binding surface of CLIENTS.md §2 as callers compile against it, and the options' rules. */
class SurfaceTest {
    @Test
    void everyPublicTypeIsTopLevelInTheSdkPackage() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(RestreamStudio.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/restream/sdk");
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .map(n -> "io.restream.sdk." + n.substring(0, n.length() - 6)).toList();
        }
        int publicTypes = 0;
        for (String n : names) {
            Class<?> c = Class.forName(n);
            if (!Modifier.isPublic(c.getModifiers())) continue;
            publicTypes++;
            assertNull(c.getEnclosingClass(), n + " is public and nested");
        }
        for (Class<?> c : List.of(RestreamOptions.class, RestreamStudio.class, StudioListener.class, RestreamException.class, SessionToken.class,
                Job.class, Broadcast.class, Comment.class, Viewers.class, Connection.class, SendResult.class, Overlay.class, GoLive.class)) {
            assertTrue(Modifier.isPublic(c.getModifiers()) && c.getEnclosingClass() == null, c.getName());
        }
        assertTrue(publicTypes >= 13);
        assertTrue(RuntimeException.class.isAssignableFrom(RestreamException.class), "unchecked");
    }

    @Test
    void studioListenerHasEightMethodsAllWithDefaultBodies() {
        Method[] methods = StudioListener.class.getDeclaredMethods();
        assertEquals(8, methods.length);
        assertTrue(Arrays.stream(methods).allMatch(Method::isDefault));
        new StudioListener() { }.onComment(new Comment("twitch:1", "twitch", "a", "m", 1L)); // compiles with no overrides
    }

    @Test
    void accessorTypesAreTheOnesCallersRelyOn() throws NoSuchMethodException {
        assertEquals(long.class, Comment.class.getMethod("timestamp").getReturnType());
        assertEquals(long.class, Viewers.class.getMethod("total").getReturnType());
        assertEquals(Map.class, Viewers.class.getMethod("platforms").getReturnType());
        assertEquals(boolean.class, Connection.class.getMethod("needsReconnect").getReturnType());
        assertEquals(boolean.class, SendResult.class.getMethod("ok").getReturnType());
        assertEquals("x", new SessionToken("x", 60).token());
        assertTrue(!new SessionToken("secret-token", 60).toString().contains("secret-token"), "a token is never printed");
    }

    @Test
    void exactlyOneCompleteCredentialModeIsRequired() {
        URI api = URI.create("http://127.0.0.1:1/");
        assertEquals("http://127.0.0.1:1", RestreamOptions.builder(api).secretKey("sk").userId("u").build().apiBase().toString());
        assertThrows(IllegalStateException.class, () -> RestreamOptions.builder(api).build(), "no credential");
        assertThrows(IllegalStateException.class, () -> RestreamOptions.builder(api).secretKey("sk").build(), "no user");
        assertThrows(IllegalStateException.class, () -> RestreamOptions.builder(api).publishableKey("pk").userId("u").build(), "no origin");
        assertThrows(IllegalStateException.class, () -> RestreamOptions.builder(api).secretKey("sk").publishableKey("pk").userId("u").build());
        assertThrows(IllegalStateException.class, () -> RestreamOptions.builder(api).tokenSupplier(() -> null).userId("u").build());
        RestreamOptions o = RestreamOptions.builder(api).publishableKey("pk_live_x").userId("u").origin("https://a.example").timeout(Duration.ofSeconds(3)).build();
        assertEquals(Duration.ofSeconds(3), o.timeout());
        assertEquals(RestreamOptions.DEFAULT_TIMEOUT, RestreamOptions.builder(api).secretKey("sk").userId("u").build().timeout());
        assertTrue(!o.toString().contains("pk_live_x"), "keys are never printed: " + o);
    }
}
