package dev.huddle.board;

import dev.huddle.board.BoardApi.BlockCard;
import dev.huddle.board.BoardApi.CardView;
import dev.huddle.board.BoardApi.CloseCard;
import dev.huddle.board.BoardApi.CreateCard;
import dev.huddle.board.BoardApi.EventView;
import dev.huddle.board.BoardApi.MoveCard;
import dev.huddle.board.BoardApi.PatchCard;
import dev.huddle.board.BoardApi.ReopenCard;
import dev.huddle.common.Http;
import dev.huddle.common.problem.ProblemException;
import dev.huddle.customer.Customer;
import dev.huddle.security.TeamAccess;
import dev.huddle.security.TeamAccess.Caller;
import dev.huddle.team.Member;
import dev.huddle.team.Role.Permission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Everything that happens to a card; each change appends one board event in the same transaction. */
@ApplicationScoped
public class CardService {
    private final TeamAccess access;
    private final BoardService boards;
    private final EventLog events;
    private final Clock clock;

    CardService(TeamAccess access, BoardService boards, EventLog events, Clock clock) {
        this.access = access;
        this.boards = boards;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public CardView create(long boardId, CreateCard request) {
        BoardService.Scoped scoped = boards.board(boardId, Permission.EDIT_CARDS);
        Board board = scoped.board();
        Caller caller = scoped.caller();
        if (board.archived) {
            throw ProblemException.conflict("The board is archived");
        }
        BoardColumn column = request.columnId() == null ? firstColumn(boardId)
                : BoardColumn.onBoard(boardId, request.columnId())
                .orElseThrow(() -> ProblemException.invalid("columnId", "no such column on this board"));
        Map<String, Object> wipOverride = admit(column, caller, request.overrideWip(), request.overrideReason());
        Instant now = Instant.now(clock);
        Card card = new Card();
        card.boardId = boardId;
        card.columnId = column.id;
        card.rank = Rank.between(Card.lastRank(column.id).orElse(null), null);
        card.title = request.title().strip();
        card.description = request.description();
        card.ownerId = request.ownerId() == null ? caller.memberId() : member(board, "ownerId", request.ownerId());
        card.farmerId = request.farmerId() == null ? null : member(board, "farmerId", request.farmerId());
        card.customerId = request.customerId() == null ? null : customer(board, request.customerId());
        card.value = money(request.value() == null ? BigDecimal.ZERO : request.value());
        card.estimate = request.estimate() == null ? null : money(request.estimate());
        card.dueDate = Http.plausible("dueDate", request.dueDate());
        card.classOfService = request.classOfService() == null ? ClassOfService.STANDARD : request.classOfService();
        card.source = request.source() == null ? Source.DIRECT : request.source();
        card.referredBy = blankToNull(request.referredBy());
        card.tags = tags(request.tags());
        card.whys = request.whys() == null ? new ArrayList<>() : request.whys().stream().map(String::strip).toList();
        card.columnEnteredAt = now;
        card.createdAt = now;
        card.updatedAt = now;
        card.persist();
        if (card.rank.length() > Rank.REBALANCE_LENGTH) {
            rebalance(column.id, card, Integer.MAX_VALUE);
        }
        record(card, "card.created", caller, extra -> {
            if (wipOverride != null) {
                extra.put("wipOverride", wipOverride);
            }
        });
        return CardView.of(card);
    }

    @Transactional
    public CardView get(long cardId) {
        return CardView.of(card(cardId, Permission.READ).card);
    }

    /** The card as it is now, read in its own transaction (for stale-version problems). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Object current(long cardId) {
        Card card = Card.findById(cardId);
        return card == null ? null : CardView.of(card);
    }

    @Transactional
    public CardView patch(long cardId, PatchCard request, long version) {
        Scoped s = card(cardId, Permission.EDIT_CARDS);
        Card card = s.card;
        checkVersion(card, version);
        List<String> changed = new ArrayList<>();
        if (request.title() != null) {
            set(changed, "title", card.title, request.title().strip(), v -> card.title = v);
        }
        if (request.description() != null) {
            set(changed, "description", card.description, request.description().orElse(null), v -> card.description = v);
        }
        if (request.ownerId() != null) {
            Long owner = request.ownerId().map(id -> member(s.board, "ownerId", id)).orElse(null);
            set(changed, "ownerId", card.ownerId, owner, v -> card.ownerId = v);
        }
        if (request.farmerId() != null) {
            Long farmer = request.farmerId().map(id -> member(s.board, "farmerId", id)).orElse(null);
            set(changed, "farmerId", card.farmerId, farmer, v -> card.farmerId = v);
        }
        if (request.customerId() != null) {
            Long customer = request.customerId().map(id -> customer(s.board, id)).orElse(null);
            set(changed, "customerId", card.customerId, customer, v -> card.customerId = v);
        }
        if (request.value() != null) {
            set(changed, "value", card.value, money(request.value()), v -> card.value = v);
        }
        if (request.estimate() != null) {
            set(changed, "estimate", card.estimate, request.estimate().map(CardService::money).orElse(null),
                    v -> card.estimate = v);
        }
        if (request.dueDate() != null) {
            set(changed, "dueDate", card.dueDate, Http.plausible("dueDate", request.dueDate().orElse(null)),
                    v -> card.dueDate = v);
        }
        if (request.classOfService() != null) {
            set(changed, "classOfService", card.classOfService, request.classOfService(), v -> card.classOfService = v);
        }
        if (request.source() != null) {
            set(changed, "source", card.source, request.source(), v -> card.source = v);
        }
        if (request.referredBy() != null) {
            set(changed, "referredBy", card.referredBy, request.referredBy().map(CardService::blankToNull).orElse(null),
                    v -> card.referredBy = v);
        }
        if (request.tags() != null) {
            set(changed, "tags", card.tags, tags(request.tags()), v -> card.tags = v);
        }
        if (request.whys() != null) {
            set(changed, "whys", card.whys, request.whys().stream().map(String::strip).toList(), v -> card.whys = v);
        }
        if (changed.isEmpty()) {
            return CardView.of(card);
        }
        card.updatedAt = Instant.now(clock);
        record(card, "card.updated", s.caller, extra -> extra.put("changed", changed));
        return CardView.of(card);
    }

    /**
     * Moves a card to another column or position. Writes the moved card only (plus, rarely, a rebalance of the
     * target column when neighbouring ranks leave no room).
     */
    @Transactional
    public CardView move(long cardId, MoveCard request, long version) {
        Scoped s = card(cardId, Permission.EDIT_CARDS);
        Card card = s.card;
        checkVersion(card, version);
        requireOpen(card, "moved");
        if (request.beforeCardId() != null && request.afterCardId() != null) {
            throw ProblemException.invalid("afterCardId", "give beforeCardId or afterCardId, not both");
        }
        BoardColumn target = BoardColumn.onBoard(card.boardId, request.toColumnId())
                .orElseThrow(() -> ProblemException.invalid("toColumnId", "no such column on this board"));
        long fromColumnId = card.columnId;
        boolean changesColumn = fromColumnId != target.id;
        Map<String, Object> wipOverride = changesColumn
                ? admit(target, s.caller, request.overrideWip(), request.overrideReason()) : null;

        String lower;
        String upper;
        Card anchor = null;
        if (request.beforeCardId() != null) {
            anchor = anchor(card, target, "beforeCardId", request.beforeCardId());
            lower = Card.rankBefore(target.id, anchor.rank).orElse(null);
            upper = anchor.rank;
        } else if (request.afterCardId() != null) {
            anchor = anchor(card, target, "afterCardId", request.afterCardId());
            lower = anchor.rank;
            upper = Card.rankAfter(target.id, anchor.rank).orElse(null);
        } else {
            lower = Card.lastRank(target.id).orElse(null);
            upper = null;
        }
        Instant now = Instant.now(clock);
        card.columnId = target.id;
        if (changesColumn) {
            card.columnEnteredAt = now;
        }
        card.updatedAt = now;
        boolean rebalanced = false;
        String rank = lower != null && upper != null && lower.compareTo(upper) >= 0 ? null : Rank.between(lower, upper);
        if (rank == null || rank.length() > Rank.REBALANCE_LENGTH) {
            int index = anchorIndex(target.id, card, anchor, request.afterCardId() != null);
            rebalance(target.id, card, index);
            rebalanced = true;
        } else {
            card.rank = rank;
        }
        boolean wasRebalanced = rebalanced;
        record(card, "card.moved", s.caller, extra -> {
            extra.put("fromColumnId", fromColumnId);
            extra.put("toColumnId", target.id);
            if (wipOverride != null) {
                extra.put("wipOverride", wipOverride);
            }
            if (wasRebalanced) {
                extra.put("rebalanced", true);
            }
        });
        return CardView.of(card);
    }

    @Transactional
    public CardView block(long cardId, BlockCard request, long version) {
        Scoped s = card(cardId, Permission.EDIT_CARDS);
        Card card = s.card;
        checkVersion(card, version);
        requireOpen(card, "blocked");
        card.blockedReason = request.reason().strip();
        if (card.blockedSince == null) {
            card.blockedSince = Instant.now(clock);
        }
        card.updatedAt = Instant.now(clock);
        record(card, "card.blocked", s.caller, extra -> extra.put("reason", card.blockedReason));
        return CardView.of(card);
    }

    @Transactional
    public CardView unblock(long cardId, long version) {
        Scoped s = card(cardId, Permission.EDIT_CARDS);
        Card card = s.card;
        checkVersion(card, version);
        if (card.blockedReason == null) {
            throw ProblemException.conflict("The card is not blocked");
        }
        long seconds = endBlockage(card);
        card.updatedAt = Instant.now(clock);
        record(card, "card.unblocked", s.caller, extra -> extra.put("blockedSeconds", seconds));
        return CardView.of(card);
    }

    @Transactional
    public CardView close(long cardId, CloseCard request, long version) {
        Scoped s = card(cardId, Permission.EDIT_CARDS);
        Card card = s.card;
        checkVersion(card, version);
        requireOpen(card, "closed");
        if (!s.board.kind.allowsOutcome(request.outcome())) {
            throw ProblemException.invalid("outcome", s.board.kind == BoardKind.SALES
                    ? "must be WON, LOST or DROPPED on a SALES board" : "must be DONE or DROPPED on an IMPROVEMENT board");
        }
        if (card.blockedReason != null) {
            endBlockage(card);
        }
        Instant now = Instant.now(clock);
        card.outcome = request.outcome();
        card.closedAt = now;
        card.updatedAt = now;
        String note = blankToNull(request.note());
        record(card, "card.closed", s.caller, extra -> {
            extra.put("outcome", request.outcome());
            if (note != null) {
                extra.put("note", note);
            }
        });
        return CardView.of(card);
    }

    @Transactional
    public CardView reopen(long cardId, ReopenCard request, Long version) {
        Scoped s = card(cardId, Permission.EDIT_CARDS);
        Card card = s.card;
        if (version != null) {
            checkVersion(card, version);
        }
        if (card.isOpen()) {
            throw ProblemException.conflict("The card is open already");
        }
        BoardColumn column = BoardColumn.findById(card.columnId);
        Map<String, Object> wipOverride = admit(column, s.caller,
                request == null ? null : request.overrideWip(), request == null ? null : request.overrideReason());
        Instant now = Instant.now(clock);
        card.outcome = Outcome.OPEN;
        card.closedAt = null;
        card.rank = Rank.between(Card.lastRank(column.id).orElse(null), null);
        card.columnEnteredAt = now;
        card.updatedAt = now;
        record(card, "card.reopened", s.caller, extra -> {
            if (wipOverride != null) {
                extra.put("wipOverride", wipOverride);
            }
        });
        return CardView.of(card);
    }

    /** The devotion cycle: a new opportunity for the same customer, linked to this one, in the first column. */
    @Transactional
    public CardView recycle(long cardId) {
        Scoped s = card(cardId, Permission.EDIT_CARDS);
        Card previous = s.card;
        if (s.board.kind != BoardKind.SALES) {
            throw ProblemException.conflict("Only opportunities on a SALES board can be recycled");
        }
        BoardColumn column = BoardColumn.findById(previous.columnId);
        boolean devoted = previous.outcome == Outcome.WON || previous.isOpen() && column.type == ColumnType.DONE;
        if (!devoted) {
            throw ProblemException.conflict("Only a card that reached Devotion (a DONE column) or was won can be recycled");
        }
        BoardColumn first = firstColumn(previous.boardId);
        Map<String, Object> wipOverride = admit(first, s.caller, null, null);
        Instant now = Instant.now(clock);
        Card card = new Card();
        card.boardId = previous.boardId;
        card.columnId = first.id;
        card.rank = Rank.between(Card.lastRank(first.id).orElse(null), null);
        card.title = previous.title;
        card.ownerId = previous.ownerId;
        card.farmerId = previous.farmerId;
        card.customerId = previous.customerId;
        card.source = previous.source;
        card.referredBy = previous.referredBy;
        card.tags = new ArrayList<>(previous.tags);
        card.previousCardId = previous.id;
        card.columnEnteredAt = now;
        card.createdAt = now;
        card.updatedAt = now;
        card.persist();
        record(card, "card.created", s.caller, extra -> {
            extra.put("recycledFromCardId", previous.id);
            if (wipOverride != null) {
                extra.put("wipOverride", wipOverride);
            }
        });
        return CardView.of(card);
    }

    @Transactional
    public List<EventView> history(long cardId, int limit) {
        card(cardId, Permission.READ);
        return CardEvent.ofCard(cardId, limit).stream().map(EventView::of).toList();
    }

    @Transactional
    public List<CardView> search(long boardId, String text, Long ownerId, String tag, Boolean blocked,
                                 Outcome outcome, int limit) {
        boards.board(boardId, Permission.READ);
        return Card.search(boardId, Http.optionalText("q", text), ownerId, Http.optionalText("tag", tag), blocked,
                        outcome, limit).stream().map(CardView::of).toList();
    }

    /** The card with the caller allowed to do {@code permission}; another team's card is 404. */
    public Scoped card(long cardId, Permission permission) {
        Card.WithBoard found = Card.withBoard(cardId, access.userId()).orElseThrow(() -> ProblemException.notFound("Card"));
        Caller caller = access.require(found.board().teamId(), found.membership(), permission, "Card");
        return new Scoped(found.card(), found.board(), caller);
    }

    public record Scoped(Card card, Board board, Caller caller) {
    }

    private void record(Card card, String type, Caller caller, Consumer<Map<String, Object>> extra) {
        long id = card.id;
        events.append(card.boardId, card.id, type, caller.username(), "Card", () -> current(id), () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("card", CardView.of(card));
            extra.accept(data);
            return data;
        });
    }

    private void checkVersion(Card card, long version) {
        if (card.version != version) {
            CardView current = CardView.of(card);
            throw ProblemException.stale("Card", () -> current);
        }
    }

    private static void requireOpen(Card card, String action) {
        if (!card.isOpen()) {
            throw ProblemException.conflict("A closed card cannot be " + action + "; reopen it first");
        }
    }

    /**
     * WIP limit (SPEC §2): entering a full column is refused unless a LEADER overrides with a reason.
     *
     * @return the override to record in the event, or null when none was needed
     */
    private Map<String, Object> admit(BoardColumn column, Caller caller, Boolean overrideWip, String overrideReason) {
        if (column.wipLimit == null) {
            return null;
        }
        BoardColumn.lock(column);
        long count = Card.openInColumn(column.id);
        if (count < column.wipLimit) {
            return null;
        }
        if (!Boolean.TRUE.equals(overrideWip)) {
            throw ProblemException.wipLimit("Column '" + column.name + "' is at its WIP limit of " + column.wipLimit
                    + " (" + count + " cards)" + (caller.may(Permission.OVERRIDE_WIP)
                    ? "; a leader may override with overrideWip and a reason" : ""));
        }
        if (!caller.may(Permission.OVERRIDE_WIP)) {
            throw ProblemException.forbidden("Only a LEADER may override a WIP limit");
        }
        String reason = blankToNull(overrideReason);
        if (reason == null) {
            throw ProblemException.invalid("overrideReason", "is required to override a WIP limit");
        }
        Map<String, Object> override = new LinkedHashMap<>();
        override.put("columnId", column.id);
        override.put("limit", column.wipLimit);
        override.put("cardsBefore", count);
        override.put("reason", reason);
        return override;
    }

    private Card anchor(Card moving, BoardColumn target, String field, long anchorId) {
        if (anchorId == moving.id) {
            throw ProblemException.invalid(field, "must be another card");
        }
        Card anchor = Card.findById(anchorId);
        if (anchor == null || !anchor.isOpen() || !anchor.columnId.equals(target.id)) {
            throw ProblemException.invalid(field, "must be an open card in the target column");
        }
        return anchor;
    }

    /** Where the moved card goes among the column's other cards, for a rebalance. */
    private static int anchorIndex(long columnId, Card moving, Card anchor, boolean after) {
        if (anchor == null) {
            return Integer.MAX_VALUE;
        }
        List<Card> others = new ArrayList<>(Card.openInColumnRanked(columnId));
        others.removeIf(c -> c.id.equals(moving.id));
        int index = others.indexOf(anchor);
        return after ? index + 1 : index;
    }

    /**
     * Rewrites the column's ranks evenly, with {@code moving} at {@code index} among the others. The others keep
     * their versions: their order is unchanged, and bumping them would turn every other client's copy of those cards
     * stale (a 409 on its next move) for a change nobody made.
     */
    private static void rebalance(long columnId, Card moving, int index) {
        List<Card> cards = new ArrayList<>(Card.openInColumnRanked(columnId));
        cards.removeIf(c -> c.id.equals(moving.id));
        cards.add(Math.min(index, cards.size()), moving);
        List<String> ranks = Rank.spread(cards.size());
        for (int i = 0; i < cards.size(); i++) {
            Card card = cards.get(i);
            if (card == moving) {
                card.rank = ranks.get(i);
            } else {
                Card.rerank(card, columnId, ranks.get(i));
            }
        }
    }

    private long endBlockage(Card card) {
        long seconds = card.blockedSince == null ? 0
                : Math.max(0, Duration.between(card.blockedSince, Instant.now(clock)).toSeconds());
        card.blockedSeconds += seconds;
        card.blockedReason = null;
        card.blockedSince = null;
        return seconds;
    }

    private static BoardColumn firstColumn(long boardId) {
        return BoardColumn.ofBoard(boardId).get(0);
    }

    private static Long member(Board board, String field, long memberId) {
        return Member.inTeam(board.teamId(), memberId).map(m -> m.id)
                .orElseThrow(() -> ProblemException.invalid(field, "no such member in this team"));
    }

    private static Long customer(Board board, long customerId) {
        return Customer.inTeam(board.teamId(), customerId).map(c -> c.id)
                .orElseThrow(() -> ProblemException.invalid("customerId", "no such customer in this team"));
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(new LinkedHashSet<>(tags.stream().map(String::strip).toList()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Applies one PATCH field, noting it as changed only when the value really differs. */
    private static <T> void set(List<String> changed, String field, T before, T after, Consumer<T> apply) {
        if (Objects.equals(before, after)) {
            return;
        }
        apply.accept(after);
        changed.add(field);
    }
}
