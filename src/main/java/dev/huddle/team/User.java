package dev.huddle.team;

import dev.huddle.common.Persistent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/** A person who signs in; their place in each team is a {@link Member}. */
@Entity
@Table(name = "app_user")
public class User extends Persistent {
    @Column(nullable = false, unique = true, length = 100)
    public String username;

    @Column(name = "display_name", nullable = false, length = 200)
    public String displayName;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    @Column(nullable = false)
    public boolean admin;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public static Optional<User> byUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /**
     * Whether no user exists yet. Asked once at startup, as plain SQL: an HQL query here would make every start pay
     * for Hibernate's query translator before the first request needs it.
     */
    public static boolean none() {
        return getEntityManager().createNativeQuery("select 1 from app_user fetch first 1 rows only")
                .getResultList().isEmpty();
    }
}
