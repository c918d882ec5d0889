package io.restream.service.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restream.core.crypto.Tokens;
import io.restream.core.error.ApiException;
import io.restream.core.model.Scope;
import java.text.ParseException;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Short-lived session tokens: EdDSA (Ed25519) JWTs carrying {@code sub} (userId), {@code cid},
 * {@code scp}, {@code akid} (the secret key that minted it), {@code iat}, {@code exp} and
 * {@code jti}, with the signing key's id in the header. A token whose {@code akid} was revoked
 * stops verifying on every node within {@link RevokedKeys#RELOAD_MS}.
 */
public final class SessionTokens {
    public static final int MIN_TTL_SECONDS = 60;
    public static final int MAX_TTL_SECONDS = 86_400;
    public static final int DEFAULT_TTL_SECONDS = 900;

    private final SigningKeys keys;
    private final RevokedKeys revoked;

    public SessionTokens(SigningKeys keys, RevokedKeys revoked) {
        this.keys = keys;
        this.revoked = revoked;
    }

    public record Minted(String token, int expiresIn) {}

    /** @param akid the id of the secret key that asks: revoking it kills the token */
    public CompletionStage<Minted> mint(String clientId, String userId, Set<Scope> scopes, int ttlSeconds, long now, String akid) {
        return keys.signer().thenApply(pair -> {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(pair.getKeyID()).type(JOSEObjectType.JWT).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(userId)
                    .claim("cid", clientId)
                    .claim("akid", akid)
                    .claim("scp", scopes.stream().map(Scope::id).sorted().toList())
                    .issueTime(new Date(now))
                    .expirationTime(new Date(now + ttlSeconds * 1000L))
                    .jwtID(Tokens.random(22))
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims);
            try {
                jwt.sign(new Ed25519Signer(pair));
            } catch (JOSEException e) {
                throw new IllegalStateException("token signing failed", e);
            }
            return new Minted(jwt.serialize(), ttlSeconds);
        });
    }

    /** The principal of a valid token, or {@code 401 invalid_token} / {@code token_expired}. */
    public CompletionStage<Principal> verify(String token, long now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return CompletableFuture.failedFuture(invalid("Session token is malformed"));
        }
        if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            return CompletableFuture.failedFuture(invalid("Session token is not signed by this service"));
        }
        return keys.verifier(jwt.getHeader().getKeyID()).thenApply(pub -> {
            try {
                if (pub.isEmpty() || !jwt.verify(new Ed25519Verifier(pub.get()))) {
                    throw invalid("Session token signature is not valid");
                }
            } catch (JOSEException e) {
                throw invalid("Session token signature is not valid");
            }
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.getTime() <= now) {
                throw new ApiException(401, "token_expired", "Session token has expired");
            }
            try {
                String cid = claims.getStringClaim("cid");
                List<String> scp = claims.getStringListClaim("scp");
                String sub = claims.getSubject();
                String akid = claims.getStringClaim("akid");
                if (cid == null || sub == null || scp == null || akid == null) throw invalid("Session token lacks required claims");
                Set<Scope> scopes = EnumSet.noneOf(Scope.class);
                for (String s : scp) Scope.fromId(s).ifPresent(scopes::add);
                // The rate limit counts a token against the key that minted it (and its user).
                return new Principal(Principal.Kind.SESSION_TOKEN, cid, sub, scopes, akid);
            } catch (ParseException e) {
                throw invalid("Session token claims are malformed");
            }
        }).thenCompose(p -> revoked.isRevoked(p.credentialId()).thenApply(dead -> {
            if (dead) throw invalid("The key that minted this session token was revoked");
            return p;
        }));
    }

    public static int clampTtl(long requested) {
        return (int) Math.max(MIN_TTL_SECONDS, Math.min(MAX_TTL_SECONDS, requested));
    }

    private static ApiException invalid(String message) {
        return new ApiException(401, "invalid_token", message);
    }
}
