package dev.huddle.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.huddle.common.HuddleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Remembers successful Basic verifications briefly, so an API client pays bcrypt once every few minutes
 * rather than on every call (SPEC §7). Keyed by a hash of the credentials, never the password itself.
 */
@ApplicationScoped
public class CredentialCache {
    public record Verified(long userId, String username, boolean admin) {
    }

    private final Cache<String, Verified> verified;

    CredentialCache(HuddleConfig config) {
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.security().credentialCacheSize())
                .expireAfterWrite(config.security().credentialCacheTtl())
                .build();
    }

    public Verified lookup(String username, char[] password) {
        return verified.getIfPresent(key(username, password));
    }

    public void remember(String username, char[] password, Verified who) {
        verified.put(key(username, password), who);
    }

    /** Called whenever a user's password, admin flag or team role changes. */
    public void forget(String username) {
        verified.asMap().values().removeIf(v -> v.username().equals(username));
    }

    private static String key(String username, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(username.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
