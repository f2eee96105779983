package dev.huddle.board;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request and view records of the boards and cards API. In PATCH bodies a field left out is unchanged and an
 * explicit null clears it.
 */
public final class BoardApi {
    private BoardApi() {
    }

    static final String TAG = "[^|\\p{Cntrl}]+";
    /** For optional names in PATCH bodies: when given, not blank. */
    static final String NOT_BLANK = "(?s).*\\S.*";

    public record CreateBoard(@NotBlank @Size(max = 200) String name, @NotNull BoardKind kind) {
    }

    public record PatchBoard(Long version,
                             @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String name,
                             Boolean archived) {
    }

    public record BoardView(long id, long teamId, String name, BoardKind kind, boolean archived, long version,
                            Instant createdAt) {
        static BoardView of(Board b) {
            return new BoardView(b.id, b.team.id, b.name, b.kind, b.archived, b.version, b.createdAt);
        }
    }

    public record CreateColumn(
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "0-based; default: after the last column") @Min(0) @Max(1000) Integer position,
            @Min(1) @Max(10000) Integer wipLimit,
            @Size(max = 10000) String policy,
            @Schema(description = "default ACTIVE") ColumnType type,
            @Schema(description = "SALES boards only") @Min(0) @Max(100) Integer probability) {
    }

    public record PatchColumn(
            Long version,
            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String name,
            @Schema(implementation = Integer.class, nullable = true, description = "null removes the limit")
            Optional<@Min(1) @Max(10000) Integer> wipLimit,
            @Schema(implementation = String.class, nullable = true) Optional<@Size(max = 10000) String> policy,
            @Min(0) @Max(1000) Integer position,
            ColumnType type,
            @Schema(implementation = Integer.class, nullable = true) Optional<@Min(0) @Max(100) Integer> probability) {
    }

    public record ColumnView(long id, long boardId, String name, int position, ColumnType type, Integer wipLimit,
                             String policy, Integer probability, long version, long cardCount, boolean overLimit) {
        static ColumnView of(BoardColumn c, long cardCount) {
            return new ColumnView(c.id, c.board.id, c.name, c.position, c.type, c.wipLimit, c.policy, c.probability,
                    c.version, cardCount, c.wipLimit != null && cardCount > c.wipLimit);
        }
    }

    public record CreateCard(
            @NotBlank @Size(max = 200) String title,
            @Schema(description = "default: the first column") Long columnId,
            @Size(max = 10000) String description,
            @Schema(description = "default: the caller") Long ownerId,
            Long farmerId,
            Long customerId,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal value,
            @DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal estimate,
            LocalDate dueDate,
            ClassOfService classOfService,
            Source source,
            @Size(max = 200) String referredBy,
            @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = TAG, message = "may not contain | or control characters") String> tags,
            @Size(max = 10) List<@NotBlank @Size(max = 1000) String> whys,
            Boolean overrideWip,
            @Size(max = 1000) String overrideReason) {
    }

    public record PatchCard(
            Long version,
            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String title,
            @Schema(implementation = String.class, nullable = true) Optional<@Size(max = 10000) String> description,
            @Schema(implementation = Long.class, nullable = true) Optional<Long> ownerId,
            @Schema(implementation = Long.class, nullable = true) Optional<Long> farmerId,
            @Schema(implementation = Long.class, nullable = true) Optional<Long> customerId,
            @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal value,
            @Schema(implementation = BigDecimal.class, nullable = true)
            Optional<@DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal> estimate,
            @Schema(implementation = LocalDate.class, nullable = true) Optional<LocalDate> dueDate,
            ClassOfService classOfService,
            Source source,
            @Schema(implementation = String.class, nullable = true) Optional<@Size(max = 200) String> referredBy,
            @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = TAG, message = "may not contain | or control characters") String> tags,
            @Size(max = 10) List<@NotBlank @Size(max = 1000) String> whys) {
    }

    public record MoveCard(
            Long version,
            @NotNull Long toColumnId,
            @Schema(description = "place the card just above this card") Long beforeCardId,
            @Schema(description = "place the card just below this card") Long afterCardId,
            @Schema(description = "LEADER only: move into a full column") Boolean overrideWip,
            @Size(max = 1000) String overrideReason) {
    }

    public record BlockCard(Long version, @NotBlank @Size(max = 1000) String reason) {
    }

    public record CardVersion(Long version) {
    }

    public record CloseCard(
            Long version,
            @NotNull @Schema(description = "SALES: WON, LOST or DROPPED; IMPROVEMENT: DONE or DROPPED") Outcome outcome,
            @Size(max = 10000) String note) {
    }

    public record ReopenCard(Long version, Boolean overrideWip, @Size(max = 1000) String overrideReason) {
    }

    public record CardView(long id, long boardId, long columnId, String rank, String title, String description,
                           Long ownerId, Long farmerId, Long customerId, BigDecimal value, BigDecimal estimate,
                           LocalDate dueDate, ClassOfService classOfService, Source source, String referredBy,
                           List<String> tags, List<String> whys, String blockedReason, Instant blockedSince,
                           long blockedSeconds, Outcome outcome, Instant closedAt, Long previousCardId,
                           Instant columnEnteredAt, long version, Instant createdAt, Instant updatedAt) {
        public static CardView of(Card c) {
            return new CardView(c.id, c.boardId, c.columnId, c.rank, c.title, c.description, c.ownerId, c.farmerId,
                    c.customerId, c.value, c.estimate, c.dueDate, c.classOfService, c.source, c.referredBy,
                    List.copyOf(c.tags), List.copyOf(c.whys), c.blockedReason, c.blockedSince, c.blockedSeconds,
                    c.outcome, c.closedAt, c.previousCardId, c.columnEnteredAt, c.version, c.createdAt, c.updatedAt);
        }
    }

    public record Snapshot(BoardView board, List<ColumnView> columns, List<CardView> cards, long lastEventSeq) {
    }

    public record EventView(long seq, String type, Long cardId, String actor, Instant at,
                            @JsonRawValue @Schema(implementation = Object.class) String data) {
        public static EventView of(CardEvent e) {
            return new EventView(e.seq, e.type, e.cardId, e.actor, e.at, e.data);
        }
    }
}
