package io.restream.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import io.restream.core.crypto.SecretBox;
import io.restream.core.crypto.Tokens;
import io.restream.core.json.Json;
import io.restream.core.redis.Redis;
import io.restream.core.redis.RedisKeys;
import java.text.ParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ed25519 signing keys for session tokens, in {@code rs:signkeys} (one field per key: the public
 * record plus the private JWK sealed with the SecretBox). The newest active key signs; every
 * active key verifies; a deactivated key verifies nothing.
 *
 * <p>Each node caches the keys and reloads them at most every {@link #RELOAD_MS}, and at once
 * after its own changes, so a deactivation reaches other API nodes within that time.
 */
public final class SigningKeys {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SigningKeys.class);
    static final String KEY = RedisKeys.SIGNING_KEYS;
    static final long RELOAD_MS = 1_000;
    private static final String PEM_PREFIX_HEX = "302a300506032b6570032100";

    private final Redis redis;
    private final SecretBox box;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();
    private final java.util.Set<String> warnedUnreadable = ConcurrentHashMap.newKeySet();
    private volatile long loadedAt;

    record Loaded(SigningKey info, OctetKeyPair pair) {}

    public SigningKeys(Redis redis, SecretBox box) {
        this.redis = redis;
        this.box = box;
    }

    /** Creates the first key when none is active. */
    public CompletionStage<Void> ensureOne(long now) {
        return reload().thenCompose(v -> cache.values().stream().anyMatch(l -> l.info().active())
                ? CompletableFuture.completedFuture(null)
                : create(now).thenApply(k -> null));
    }

    public CompletionStage<SigningKey> create(long now) {
        OctetKeyPair pair;
        String id = Tokens.id("sig");
        try {
            pair = new OctetKeyPairGenerator(Curve.Ed25519).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key", e);
        }
        SigningKey info = new SigningKey(id, "Ed25519", pem(pair), "active", now, null);
        ObjectNode stored = Json.MAPPER.createObjectNode();
        stored.set("info", Json.MAPPER.valueToTree(info));
        stored.put("jwk", box.seal(pair.toJSONString(), KEY + "#" + id));
        return redis.async().hset(KEY, id, stored.toString()).thenCompose(n -> reload()).thenApply(v -> info);
    }

    /** Deactivates a key; {@code 409 last_active_key} when it is the only active one (every mint would fail). */
    public CompletionStage<Optional<SigningKey>> deactivate(String id, long now) {
        return reload().thenCompose(v -> redis.async().hget(KEY, id)).thenCompose(raw -> {
            if (raw == null) return CompletableFuture.completedFuture(Optional.<SigningKey>empty());
            ObjectNode stored = (ObjectNode) Json.read(raw, JsonNode.class);
            SigningKey old = Json.MAPPER.convertValue(stored.get("info"), SigningKey.class);
            if (!old.active()) return CompletableFuture.completedFuture(Optional.of(old));
            boolean anotherActive = cache.values().stream().anyMatch(l -> l.info().active() && !l.info().id().equals(id));
            if (!anotherActive) {
                throw new io.restream.core.error.ApiException(409, "last_active_key",
                        "Signing key " + id + " is the only active one; create another before deactivating it");
            }
            SigningKey off = new SigningKey(old.id(), old.alg(), old.publicKeyPem(), "inactive", old.createdAt(), now);
            stored.set("info", Json.MAPPER.valueToTree(off));
            return redis.async().hset(KEY, id, stored.toString()).thenCompose(n -> reload()).thenApply(v -> Optional.of(off));
        });
    }

    public CompletionStage<List<SigningKey>> list() {
        return fresh().thenApply(v -> cache.values().stream().map(Loaded::info)
                .sorted(Comparator.comparingLong(SigningKey::createdAt).thenComparing(SigningKey::id)).toList());
    }

    /** The key that signs new tokens: the newest active one. */
    public CompletionStage<OctetKeyPair> signer() {
        return fresh().thenApply(v -> cache.values().stream().filter(l -> l.info().active())
                .max(Comparator.comparingLong((Loaded l) -> l.info().createdAt()).thenComparing(l -> l.info().id()))
                .map(Loaded::pair)
                .orElseThrow(() -> new IllegalStateException("no active signing key")));
    }

    /** The public key for {@code kid} if that key is active. */
    public CompletionStage<Optional<OctetKeyPair>> verifier(String kid) {
        return fresh().thenApply(v -> Optional.ofNullable(cache.get(kid))
                .filter(l -> l.info().active()).map(l -> l.pair().toPublicJWK()));
    }

    /** {@code /.well-known/jwks.json}: the active public keys. */
    public CompletionStage<Map<String, Object>> jwks() {
        return fresh().thenApply(v -> new JWKSet(cache.values().stream().filter(l -> l.info().active())
                .map(l -> (com.nimbusds.jose.jwk.JWK) l.pair().toPublicJWK()).toList()).toJSONObject(true));
    }

    private CompletionStage<Void> fresh() {
        return System.currentTimeMillis() - loadedAt < RELOAD_MS ? CompletableFuture.completedFuture(null) : reload();
    }

    private CompletionStage<Void> reload() {
        return redis.async().hgetall(KEY).thenAccept(all -> {
            java.util.Set<String> readable = new java.util.HashSet<>();
            for (var e : all.entrySet()) {
                JsonNode stored = Json.read(e.getValue(), JsonNode.class);
                SigningKey info = Json.MAPPER.convertValue(stored.get("info"), SigningKey.class);
                Loaded known = cache.get(e.getKey());
                OctetKeyPair pair = known != null ? known.pair() : open(e.getKey(), stored.get("jwk").asText());
                if (pair == null) continue;
                cache.put(e.getKey(), new Loaded(info, pair));
                readable.add(e.getKey());
            }
            cache.keySet().retainAll(readable);
            loadedAt = System.currentTimeMillis();
        });
    }

    /** The key pair, or null when it was sealed under another secrets key (a misconfigured node). */
    private OctetKeyPair open(String id, String sealed) {
        try {
            return parse(box.open(sealed, KEY + "#" + id));
        } catch (IllegalStateException e) {
            if (warnedUnreadable.add(id)) {
                log.warn("signing key {} cannot be decrypted with this node's secrets key; is RESTREAM_SECRETS_KEY the same on every node?", id);
            }
            return null;
        }
    }

    private static OctetKeyPair parse(String json) {
        try {
            return OctetKeyPair.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored signing key is unreadable", e);
        }
    }

    /** The public key as an X.509 SubjectPublicKeyInfo PEM (fixed DER prefix for Ed25519). */
    static String pem(OctetKeyPair pair) {
        byte[] prefix = java.util.HexFormat.of().parseHex(PEM_PREFIX_HEX);
        byte[] x = pair.getDecodedX();
        byte[] der = new byte[prefix.length + x.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(x, 0, der, prefix.length, x.length);
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    }
}
