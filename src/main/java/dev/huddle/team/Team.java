package dev.huddle.team;

import dev.huddle.common.Persistent;
import dev.huddle.common.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "team")
public class Team extends Persistent {
    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, unique = true, length = 220)
    public String slug;

    @Column(name = "time_zone", nullable = false, length = 64)
    public String timeZone;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    /** The team, or a 404 problem. */
    public static Team existing(long teamId) {
        return Team.<Team>findByIdOptional(teamId).orElseThrow(() -> ProblemException.notFound("Team"));
    }

    public static boolean slugTaken(String slug) {
        return count("slug", slug) > 0;
    }

    public static List<Team> ofUser(long userId) {
        return list("select m.team from Member m where m.user.id = ?1 order by m.team.name, m.team.id", userId);
    }

    public static List<Team> all(int limit) {
        return find("order by name, id").page(0, limit).list();
    }
}
