package dev.huddle.board;

import dev.huddle.common.Persistent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.List;
import java.util.Optional;

/** A column of a board, with its exit policy, WIP limit and (on SALES boards) win probability. */
@Entity
@Table(name = "board_column")
public class BoardColumn extends Persistent {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "board_id")
    public Board board;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "pos", nullable = false)
    public int position;

    @Column(name = "wip_limit")
    public Integer wipLimit;

    @Column(length = 10000)
    public String policy;

    @Enumerated(EnumType.STRING)
    @Column(name = "col_type", nullable = false, length = 16)
    public ColumnType type;

    public Integer probability;

    @Version
    public long version;

    public static List<BoardColumn> ofBoard(long boardId) {
        return list("board.id = ?1 order by position, id", boardId);
    }

    /** The column, if it is on that board; a lookup by id (cheaper than a query, and free once it is loaded). */
    public static Optional<BoardColumn> onBoard(long boardId, long columnId) {
        BoardColumn column = findById(columnId);
        return column != null && column.board.id == boardId ? Optional.of(column) : Optional.empty();
    }

    /** Locks the column so concurrent moves cannot both take its last WIP slot. */
    public static void lock(BoardColumn column) {
        getEntityManager().lock(column, LockModeType.PESSIMISTIC_WRITE);
    }
}
