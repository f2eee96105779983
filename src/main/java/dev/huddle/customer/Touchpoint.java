package dev.huddle.customer;

import dev.huddle.common.Persistent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A logged interaction with the buyer on a card. */
@Entity
@Table(name = "touchpoint")
public class Touchpoint extends Persistent {
    @Column(name = "card_id", nullable = false)
    public Long cardId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Channel channel;

    @Column(length = 10000)
    public String note;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "member_id")
    public Long memberId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<Touchpoint> ofCard(long cardId, int limit) {
        return find("cardId = ?1 order by at desc, id desc", cardId).page(0, limit).list();
    }
}
