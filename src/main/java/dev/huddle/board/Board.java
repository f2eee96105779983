package dev.huddle.board;

import dev.huddle.common.Persistent;
import dev.huddle.team.Team;
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

@Entity
@Table(name = "board")
public class Board extends Persistent {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "team_id")
    public Team team;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public BoardKind kind;

    @Column(nullable = false)
    public boolean archived;

    /** Last event seq handed out; advanced only by {@link EventLog} with a row-locking update. */
    @Column(name = "event_seq", nullable = false, updatable = false)
    public long eventSeq;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public long teamId() {
        return team.id;
    }

    public static List<Board> ofTeam(long teamId, boolean includeArchived, int limit) {
        String query = includeArchived ? "team.id = ?1 order by archived, name, id"
                : "team.id = ?1 and archived = false order by name, id";
        return find(query, teamId).page(0, limit).list();
    }

    public static long currentSeq(long boardId) {
        return getEntityManager()
                .createQuery("select b.eventSeq from Board b where b.id = :id", Long.class)
                .setParameter("id", boardId)
                .getSingleResult();
    }
}
