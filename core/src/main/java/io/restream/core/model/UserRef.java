package io.restream.core.model;

import java.util.regex.Pattern;

/**
 * A user of a client: {@code (clientId, userId)}. Two clients' users never share data, so every
 * per-user Redis key carries both, as a hash tag so that one user's keys share a cluster slot.
 */
public record UserRef(String clientId, String userId) {
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    public UserRef {
        if (clientId == null || clientId.isEmpty()) throw new IllegalArgumentException("clientId");
        if (userId == null || !USER_ID.matcher(userId).matches()) throw new IllegalArgumentException("userId");
    }

    public static boolean validUserId(String userId) {
        return userId != null && USER_ID.matcher(userId).matches();
    }

    /** {@code {cid:uid}}: the Redis hash tag of this user's keys. */
    public String tag() {
        return "{" + clientId + ":" + userId + "}";
    }
}
