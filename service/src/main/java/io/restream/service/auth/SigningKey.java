package io.restream.service.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A session-token signing key as the admin API shows it. The private half is kept sealed in
 * Redis and never leaves {@link SigningKeys}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SigningKey(String id, String alg, String publicKeyPem, String status, long createdAt, Long deactivatedAt) {
    @JsonIgnore
    public boolean active() { return "active".equals(status); }
}
