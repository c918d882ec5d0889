package io.restream.service.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.Secret;
import io.restream.core.crypto.SecretBox;
import io.restream.core.redis.Redis;
import io.restream.core.testing.TestRedis;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.ServiceConfig;
import io.restream.service.ServiceRole;
import io.restream.service.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A sandbox nobody asked for (no {@code RESTREAM_SANDBOX}, no platform credentials) listens on
 * loopback only, on every port it opens (with {@code RESTREAM_HTTP_PORT=0} and several verticles
 * there is exactly one new listening port), and says so in its log.
 */
class LoopbackSandboxIT {
    @Test
    void anImplicitSandboxListensOnLoopbackOnlyAndSaysSo() throws Exception {
        Set<String> before = ListeningSockets.ofThisProcess();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        Path dataDir = Files.createTempDirectory("implicit-sandbox");
        Settings settings = Settings.of(Map.of("RESTREAM_DATA_DIR", dataDir.toString(), "RESTREAM_HTTP_PORT", "0",
                "RESTREAM_HTTP_VERTICLES", "3", "RESTREAM_SECRETS_KEY", TestApi.TEST_SECRETS_KEY));
        Problems problems = new Problems();
        CoreConfig core = CoreConfig.from(settings, problems);
        ServiceConfig config = ServiceConfig.from(settings, Secret.of("adm_test_loopback"), problems);
        problems.throwIfAny();
        assertTrue(core.sandbox(), "no credentials: sandbox");
        try (Redis redis = TestRedis.connect();
             ServiceRole role = new ServiceRole(config, core, redis, SecretBox.fromConfig(TestApi.TEST_SECRETS_KEY, null),
                     PlatformAdapters.pastedOnly(), null)) {
            int port = role.start();
            Set<String> opened = new HashSet<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            assertEquals(Set.of("127.0.0.1:" + port), opened, "one port, on loopback only");
            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("listening on loopback only")),
                    "a log line says so");
        } finally {
            root.detachAppender(logs);
        }

        // Asked for explicitly, the operator's bind address applies.
        Settings explicit = settings.with("RESTREAM_SANDBOX", "true");
        assertEquals("0.0.0.0", ServiceConfig.from(explicit, Secret.of("adm_x"), new Problems()).bindHost());
        assertEquals("127.0.0.1", config.bindHost());
    }
}
