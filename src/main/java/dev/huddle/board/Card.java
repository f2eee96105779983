package dev.huddle.board;

import dev.huddle.common.Like;
import dev.huddle.common.Persistent;
import dev.huddle.team.Member;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Enumerated;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.SecondaryRow;
import org.hibernate.jpa.HibernateHints;

/**
 * An opportunity or improvement on a board. References are plain ids, so a board snapshot reads cards in one
 * query with no lazy loading.
 *
 * <p>Its owner, farmer, customer and previous card live in a table of their own, {@code card_link} (one row per
 * card, always there, read with an inner join): on the embedded database an update rewrites every index of the
 * table it changes, and these four columns carry four foreign keys and six indexes that a move does not change
 * (migration V4). Hibernate updates {@code card_link} only when one of them changed.
 */
@Entity
@Table(name = "card")
@SecondaryTable(name = Card.LINKS, pkJoinColumns = @PrimaryKeyJoinColumn(name = "card_id"))
@SecondaryRow(table = Card.LINKS, optional = false)
public class Card extends Persistent {
    static final String LINKS = "card_link";

    @Column(name = "board_id", nullable = false)
    public Long boardId;

    @Column(name = "column_id", nullable = false)
    public Long columnId;

    /** Lexicographic position within the column, see {@link Rank}. */
    @Column(name = "rank_key", nullable = false, length = Rank.MAX_LENGTH)
    public String rank;

    @Column(nullable = false, length = 200)
    public String title;

    @Column(length = 10000)
    public String description;

    @Column(name = "owner_id", table = LINKS)
    public Long ownerId;

    @Column(name = "farmer_id", table = LINKS)
    public Long farmerId;

    @Column(name = "customer_id", table = LINKS)
    public Long customerId;

    @Column(name = "deal_value", nullable = false, precision = 14, scale = 2)
    public BigDecimal value = BigDecimal.ZERO.setScale(2);

    @Column(precision = 8, scale = 2)
    public BigDecimal estimate;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "class_of_service", nullable = false, length = 16)
    public ClassOfService classOfService = ClassOfService.STANDARD;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Source source = Source.DIRECT;

    @Column(name = "referred_by", length = 200)
    public String referredBy;

    @Convert(converter = TagsConverter.class)
    @Column(nullable = false, length = 1000)
    public List<String> tags = new ArrayList<>();

    /** The stored form of {@link #tags} ("|a|b|"), read-only, for tag filters. */
    @Column(name = "tags", insertable = false, updatable = false)
    String tagsText;

    @Convert(converter = WhysConverter.class)
    @Column(length = 12000)
    public List<String> whys = new ArrayList<>();

    @Column(name = "blocked_reason", length = 1000)
    public String blockedReason;

    @Column(name = "blocked_since")
    public Instant blockedSince;

    /** Total seconds spent blocked in earlier, ended blockages. */
    @Column(name = "blocked_seconds", nullable = false)
    public long blockedSeconds;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Outcome outcome = Outcome.OPEN;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "previous_card_id", table = LINKS)
    public Long previousCardId;

    /** When the card entered its current column: aging counts from here and never resets on edits. */
    @Column(name = "column_entered_at", nullable = false)
    public Instant columnEnteredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean isOpen() {
        return outcome == Outcome.OPEN;
    }

    /** A card with its board and the given user's membership in the board's team (empty if not a member). */
    public record WithBoard(Card card, Board board, Optional<Member> membership) {
    }

    /** The card, its board and the user's membership, in one query (every card request starts with these). */
    public static Optional<WithBoard> withBoard(long cardId, long userId) {
        return getEntityManager().createQuery("select c, b, m from Card c join Board b on b.id = c.boardId "
                        + "left join Member m on m.team = b.team and m.user.id = :user where c.id = :card", Object[].class)
                .setParameter("card", cardId)
                .setParameter("user", userId)
                .getResultList().stream().findFirst()
                .map(row -> new WithBoard((Card) row[0], (Board) row[1], Optional.ofNullable((Member) row[2])));
    }

    /**
     * Open cards of a board, ordered as the board shows them: column position, then rank. Loaded read-only: the
     * session keeps no copy of their state and does not dirty-check them at commit.
     */
    public static List<Card> openOnBoard(long boardId) {
        return Card.<Card>find("select c from Card c, BoardColumn col where col.id = c.columnId and c.boardId = ?1 "
                        + "and c.outcome = ?2 order by col.position, col.id, c.rank", boardId, Outcome.OPEN)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list();
    }

    public static long openInColumn(long columnId) {
        return count("columnId = ?1 and outcome = ?2", columnId, Outcome.OPEN);
    }

    /** Open cards per column of a board, in one grouped query. */
    public static Map<Long, Long> openCountsByColumn(long boardId) {
        Map<Long, Long> counts = new HashMap<>();
        getEntityManager().createQuery("select c.columnId, count(c) from Card c where c.boardId = :board "
                        + "and c.outcome = :open group by c.columnId", Object[].class)
                .setParameter("board", boardId)
                .setParameter("open", Outcome.OPEN)
                .getResultList()
                .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }

    public static List<Card> openInColumnRanked(long columnId) {
        return list("columnId = ?1 and outcome = ?2 order by rank, id", columnId, Outcome.OPEN);
    }

    /**
     * Gives an open card of the column a new rank without changing its version (a rebalance keeps the column's
     * order, so a client's copy of the card is not stale for it). Fails as a stale version if the card has changed
     * or left the column since {@code card} was read.
     */
    public static void rerank(Card card, long columnId, String rank) {
        int updated = update("rank = ?1 where id = ?2 and version = ?3 and columnId = ?4 and outcome = ?5",
                rank, card.id, card.version, columnId, Outcome.OPEN);
        if (updated != 1) {
            throw new OptimisticLockException("Card " + card.id + " changed while its column was rebalanced");
        }
    }

    /** The rank of the last open card in the column, if any. */
    public static Optional<String> lastRank(long columnId) {
        return rankQuery("select max(c.rank) from Card c where c.columnId = :col and c.outcome = :open", columnId, null);
    }

    /** The greatest rank below {@code rank} in the column (the card just above a position). */
    public static Optional<String> rankBefore(long columnId, String rank) {
        return rankQuery("select max(c.rank) from Card c where c.columnId = :col and c.outcome = :open and c.rank < :rank",
                columnId, rank);
    }

    /** The least rank above {@code rank} in the column (the card just below a position). */
    public static Optional<String> rankAfter(long columnId, String rank) {
        return rankQuery("select min(c.rank) from Card c where c.columnId = :col and c.outcome = :open and c.rank > :rank",
                columnId, rank);
    }

    private static Optional<String> rankQuery(String query, long columnId, String rank) {
        var q = getEntityManager().createQuery(query, String.class)
                .setParameter("col", columnId)
                .setParameter("open", Outcome.OPEN);
        if (rank != null) {
            q.setParameter("rank", rank);
        }
        return Optional.ofNullable(q.getSingleResult());
    }

    /** Search and filter, including closed cards; newest change first. */
    public static List<Card> search(long boardId, String text, Long ownerId, String tag, Boolean blocked,
                                    Outcome outcome, int limit) {
        StringBuilder query = new StringBuilder("boardId = :board");
        Parameters params = Parameters.with("board", boardId);
        if (text != null) {
            query.append(" and (lower(title) like :text escape '\\' or lower(coalesce(description, '')) like :text escape '\\')");
            params.and("text", Like.containsIgnoringCase(text));
        }
        if (ownerId != null) {
            query.append(" and ownerId = :owner");
            params.and("owner", ownerId);
        }
        if (tag != null) {
            query.append(" and tagsText like :tag escape '\\'");
            params.and("tag", TagsConverter.likePattern(tag));
        }
        if (blocked != null) {
            query.append(blocked ? " and blockedReason is not null" : " and blockedReason is null");
        }
        if (outcome != null) {
            query.append(" and outcome = :outcome");
            params.and("outcome", outcome);
        }
        query.append(" order by updatedAt desc, id desc");
        return find(query.toString(), params).page(0, limit).list();
    }
}
