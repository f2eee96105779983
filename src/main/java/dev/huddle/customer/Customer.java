package dev.huddle.customer;

import dev.huddle.common.Like;
import dev.huddle.common.Persistent;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A customer account of a team: relationship level, persona and empathy map. */
@Entity
@Table(name = "customer")
public class Customer extends Persistent {
    @Column(name = "team_id", nullable = false)
    public Long teamId;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "relationship_level", nullable = false, length = 16)
    public RelationshipLevel relationshipLevel = RelationshipLevel.VENDOR;

    @Column(length = 10000)
    public String persona;

    @Embedded
    public Empathy empathy = new Empathy();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<Customer> inTeam(long teamId, long customerId) {
        return find("id = ?1 and teamId = ?2", customerId, teamId).firstResultOptional();
    }

    public static List<Customer> ofTeam(long teamId, String text, int limit) {
        if (text == null) {
            return find("teamId = ?1 order by lower(name), id", teamId).page(0, limit).list();
        }
        String pattern = Like.containsIgnoringCase(text);
        return find("teamId = ?1 and lower(name) like ?2 escape '\\' order by lower(name), id", teamId, pattern)
                .page(0, limit).list();
    }
}
