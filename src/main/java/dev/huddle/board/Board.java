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
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.SecondaryRow;

/**
 * A board. Its event seq lives in a table of its own, {@code board_seq} (one row per board, always there, read with
 * an inner join; migration V5): {@link EventLog} advances it at every change, and on the embedded database an update
 * rewrites every index of its table.
 */
@Entity
@Table(name = "board")
@SecondaryTable(name = Board.SEQ, pkJoinColumns = @PrimaryKeyJoinColumn(name = "board_id"))
@SecondaryRow(table = Board.SEQ, optional = false)
public class Board extends Persistent {
    static final String SEQ = "board_seq";

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
    @Column(name = "event_seq", table = SEQ, nullable = false, updatable = false)
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
