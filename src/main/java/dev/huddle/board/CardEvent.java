package dev.huddle.board;

import dev.huddle.common.Persistent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * Append-only record of every change on a board: the single source for history, live updates and flow
 * metrics. {@code seq} is strictly increasing per board.
 */
@Entity
@Table(name = "card_event")
public class CardEvent extends Persistent {
    @Column(name = "board_id", nullable = false, updatable = false)
    public Long boardId;

    @Column(nullable = false, updatable = false)
    public long seq;

    @Column(name = "card_id", updatable = false)
    public Long cardId;

    @Column(nullable = false, length = 32, updatable = false)
    public String type;

    @Column(nullable = false, length = 100, updatable = false)
    public String actor;

    @Column(nullable = false, updatable = false)
    public Instant at;

    /** The event's JSON payload, as sent on the live stream. */
    @Column(nullable = false, length = 200000, updatable = false)
    public String data;

    public static List<CardEvent> ofCard(long cardId, int limit) {
        return find("cardId = ?1 order by seq", cardId).page(0, limit).list();
    }

    public static List<CardEvent> onBoardAfter(long boardId, long afterSeq, int limit) {
        return find("boardId = ?1 and seq > ?2 order by seq", boardId, afterSeq).page(0, limit).list();
    }
}
