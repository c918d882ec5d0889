package io.restream.service.events;

import io.restream.core.config.CoreConfig;
import io.restream.core.config.Problems;
import io.restream.core.config.Settings;
import io.restream.core.crypto.Secret;
import io.restream.core.crypto.SecretBox;
import io.restream.core.redis.Redis;
import io.restream.platforms.PlatformAdapters;
import io.restream.service.ServiceConfig;
import io.restream.service.ServiceRole;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second API process for {@link CrossProcessEventsIT}: the service role alone, configured from
 * the environment, writing its port to {@code args[0]}, running until its stdin closes.
 */
public final class ServiceProcessMain {
    private ServiceProcessMain() {}

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromEnvironment();
        Problems problems = new Problems();
        CoreConfig core = CoreConfig.from(s, problems);
        ServiceConfig config = ServiceConfig.from(s, Secret.of(s.get("RESTREAM_ADMIN_TOKEN").orElseThrow()), problems);
        problems.throwIfAny();
        Redis redis = Redis.connect(s.get("REDIS_URL").orElseThrow());
        SecretBox box = SecretBox.fromConfig(s.get("RESTREAM_SECRETS_KEY").orElse(null), core.secretsKeyFile());
        ServiceRole role = new ServiceRole(config, core, redis, box, PlatformAdapters.pastedOnly(), null);
        Files.writeString(Path.of(args[0]), Integer.toString(role.start()));
        while (System.in.read() != -1) {
            // run until the parent closes our stdin (or ends us)
        }
        role.close();
        redis.close();
        System.exit(0);
    }
}
