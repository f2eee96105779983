package dev.huddle.team;

import dev.huddle.common.Persistent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A user's place in a team: their role there, and the id that cards and check-ins point at. */
@Entity
@Table(name = "team_member")
public class Member extends Persistent {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "team_id")
    public Team team;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    public User user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(name = "sales_role", length = 16)
    public SalesRole salesRole;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public static Optional<Member> of(long teamId, long userId) {
        return find("team.id = ?1 and user.id = ?2", teamId, userId).firstResultOptional();
    }

    public static List<Member> ofTeam(long teamId, int limit) {
        return find("select m from Member m join fetch m.user where m.team.id = ?1 order by m.user.displayName, m.id", teamId)
                .page(0, limit).list();
    }

    public static List<Member> ofUser(long userId) {
        return find("select m from Member m join fetch m.team where m.user.id = ?1 order by m.team.name, m.id", userId).list();
    }

    /** The member with this id in this team, or empty: ids of other teams' members are not leaked. */
    public static Optional<Member> inTeam(long teamId, long memberId) {
        return find("id = ?1 and team.id = ?2", memberId, teamId).firstResultOptional();
    }
}
