package dev.huddle.board;

import dev.huddle.board.BoardApi.BoardView;
import dev.huddle.board.BoardApi.CardView;
import dev.huddle.board.BoardApi.ColumnView;
import dev.huddle.board.BoardApi.CreateBoard;
import dev.huddle.board.BoardApi.CreateColumn;
import dev.huddle.board.BoardApi.PatchBoard;
import dev.huddle.board.BoardApi.PatchColumn;
import dev.huddle.board.BoardApi.Snapshot;
import dev.huddle.common.problem.ProblemException;
import dev.huddle.security.TeamAccess;
import dev.huddle.security.TeamAccess.Caller;
import dev.huddle.team.Role.Permission;
import dev.huddle.team.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Boards and their columns. */
@ApplicationScoped
public class BoardService {
    private final TeamAccess access;
    private final EventLog events;
    private final Clock clock;
    private final SnapshotCache snapshots;

    BoardService(TeamAccess access, EventLog events, Clock clock, SnapshotCache snapshots) {
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.snapshots = snapshots;
    }

    @Transactional
    public BoardView create(long teamId, CreateBoard request) {
        Team team = Team.existing(teamId);
        access.require(teamId, Permission.MANAGE_BOARDS, "Team");
        return BoardView.of(newBoard(team, request.name().strip(), request.kind()));
    }

    /** A board with the default columns of its kind (SPEC §3). */
    @Transactional
    public Board newBoard(Team team, String name, BoardKind kind) {
        Board board = new Board();
        board.team = team;
        board.name = name;
        board.kind = kind;
        board.createdAt = Instant.now(clock);
        board.persist();
        int position = 0;
        for (BoardKind.ColumnTemplate template : kind.defaultColumns) {
            BoardColumn column = new BoardColumn();
            column.board = board;
            column.name = template.name();
            column.position = position++;
            column.type = template.type();
            column.probability = template.probability();
            column.policy = template.policy();
            column.persist();
        }
        return board;
    }

    @Transactional
    public List<BoardView> list(long teamId, boolean includeArchived, int limit) {
        Team.existing(teamId);
        access.require(teamId, Permission.READ, "Team");
        return Board.ofTeam(teamId, includeArchived, limit).stream().map(BoardView::of).toList();
    }

    /**
     * The board as a screen draws it, as JSON: read in a fixed number of queries, or kept from the last read at the
     * same seq. The seq comes with the board (one query joins its seq row), which this transaction reads first,
     * before the cards: a client that replays events after it never misses a change the cards do not show yet.
     */
    @Transactional
    public SnapshotCache.Entry snapshot(long boardId) {
        Board board = board(boardId, Permission.READ).board;
        long lastEventSeq = board.eventSeq;
        return snapshots.get(boardId, lastEventSeq, () -> read(board, lastEventSeq));
    }

    private Snapshot read(Board board, long lastEventSeq) {
        long boardId = board.id;
        List<BoardColumn> columns = BoardColumn.ofBoard(boardId);
        List<Card> cards = Card.openOnBoard(boardId);
        Map<Long, Long> counts = new HashMap<>();
        for (Card card : cards) {
            counts.merge(card.columnId, 1L, Long::sum);
        }
        return new Snapshot(BoardView.of(board),
                columns.stream().map(c -> ColumnView.of(c, counts.getOrDefault(c.id, 0L))).toList(),
                cards.stream().map(CardView::of).toList(),
                lastEventSeq);
    }

    /** What the board page needs besides the snapshot: the team and what the caller may do there. */
    public record PageContext(long boardId, String boardName, BoardKind kind, long teamId, String teamName,
                              String currency, Long memberId, String role, boolean canEdit, boolean canOverride,
                              boolean canManage) {
    }

    @Transactional
    public PageContext pageContext(long boardId) {
        Scoped scoped = board(boardId, Permission.READ);
        Board board = scoped.board;
        Caller caller = scoped.caller;
        return new PageContext(board.id, board.name, board.kind, board.team.id, board.team.name, board.team.currency,
                caller.memberId(), caller.role() == null ? "ADMIN" : caller.role().name(),
                caller.may(Permission.EDIT_CARDS), caller.may(Permission.OVERRIDE_WIP),
                caller.may(Permission.MANAGE_BOARDS));
    }

    /** Checks the caller may watch the board (404 for another team's board). */
    @Transactional
    public void snapshotAccess(long boardId) {
        board(boardId, Permission.READ);
    }

    @Transactional
    public BoardView patch(long boardId, PatchBoard request, long version) {
        Scoped scoped = board(boardId, Permission.MANAGE_BOARDS);
        Board board = scoped.board;
        if (board.version != version) {
            BoardView current = BoardView.of(board);
            throw ProblemException.stale("Board", () -> current);
        }
        if (request.name() != null) {
            board.name = request.name().strip();
        }
        if (request.archived() != null) {
            board.archived = request.archived();
        }
        boardUpdated(board, scoped.caller);
        return BoardView.of(board);
    }

    @Transactional
    public ColumnView addColumn(long boardId, CreateColumn request) {
        Scoped scoped = board(boardId, Permission.MANAGE_BOARDS);
        Board board = scoped.board;
        if (request.probability() != null && board.kind != BoardKind.SALES) {
            throw ProblemException.invalid("probability", "is only for SALES boards");
        }
        List<BoardColumn> columns = new ArrayList<>(BoardColumn.ofBoard(boardId));
        BoardColumn column = new BoardColumn();
        column.board = board;
        column.name = request.name().strip();
        column.wipLimit = request.wipLimit();
        column.policy = request.policy();
        column.type = request.type() == null ? ColumnType.ACTIVE : request.type();
        column.probability = request.probability();
        int position = request.position() == null ? columns.size() : Math.min(request.position(), columns.size());
        columns.add(position, column);
        column.position = position;
        column.persist();
        renumber(columns);
        boardUpdated(board, scoped.caller);
        return ColumnView.of(column, 0);
    }

    @Transactional
    public ColumnView patchColumn(long boardId, long columnId, PatchColumn request, long version) {
        Scoped scoped = board(boardId, Permission.MANAGE_BOARDS);
        BoardColumn column = BoardColumn.onBoard(boardId, columnId)
                .orElseThrow(() -> ProblemException.notFound("Column"));
        long cardCount = Card.openInColumn(columnId);
        if (column.version != version) {
            ColumnView current = ColumnView.of(column, cardCount);
            throw ProblemException.stale("Column", () -> current);
        }
        if (request.probability() != null && request.probability().isPresent()
                && scoped.board.kind != BoardKind.SALES) {
            throw ProblemException.invalid("probability", "is only for SALES boards");
        }
        boolean moved = request.position() != null && request.position() != column.position;
        // Read the other columns before changing anything, so the change is written in one flush.
        List<BoardColumn> columns = moved ? new ArrayList<>(BoardColumn.ofBoard(boardId)) : List.of();
        if (request.name() != null) {
            column.name = request.name().strip();
        }
        if (request.wipLimit() != null) {
            column.wipLimit = request.wipLimit().orElse(null);
        }
        if (request.policy() != null) {
            column.policy = request.policy().orElse(null);
        }
        if (request.type() != null) {
            column.type = request.type();
        }
        if (request.probability() != null) {
            column.probability = request.probability().orElse(null);
        }
        if (moved) {
            columns.remove(column);
            columns.add(Math.min(request.position(), columns.size()), column);
            renumber(columns);
            boardUpdated(scoped.board, scoped.caller);
        } else {
            events.append(boardId, null, "column.updated", scoped.caller.username(), "Column",
                    () -> columnView(columnId), () -> Map.of("column", ColumnView.of(column, cardCount)));
        }
        return ColumnView.of(column, cardCount);
    }

    @Transactional
    public void deleteColumn(long boardId, long columnId) {
        Scoped scoped = board(boardId, Permission.MANAGE_BOARDS);
        BoardColumn column = BoardColumn.onBoard(boardId, columnId)
                .orElseThrow(() -> ProblemException.notFound("Column"));
        long open = Card.openInColumn(columnId);
        if (open > 0) {
            throw ProblemException.conflict("Column '" + column.name + "' still holds " + open
                    + " card(s); move them out first");
        }
        List<BoardColumn> columns = new ArrayList<>(BoardColumn.ofBoard(boardId));
        if (columns.size() == 1) {
            throw ProblemException.conflict("A board keeps at least one column");
        }
        columns.remove(column);
        // Closed cards keep a column for history and reopening: they move to the first remaining one.
        Card.update("columnId = ?1 where columnId = ?2", columns.get(0).id, columnId);
        column.delete();
        renumber(columns);
        boardUpdated(scoped.board, scoped.caller);
    }

    @Transactional
    public ColumnView columnView(long columnId) {
        BoardColumn column = BoardColumn.findById(columnId);
        return ColumnView.of(column, Card.openInColumn(columnId));
    }

    private void renumber(List<BoardColumn> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).position != i) {
                columns.get(i).position = i;
            }
        }
    }

    /** Structural changes are announced as the board with all its columns, so screens redraw the frame. */
    private void boardUpdated(Board board, Caller caller) {
        events.append(board.id, null, "board.updated", caller.username(), "Board",
                () -> BoardView.of(Board.findById(board.id)), () -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("board", BoardView.of(board));
                    data.put("columns", columnViews(board.id));
                    return data;
                });
    }

    static List<ColumnView> columnViews(long boardId) {
        Map<Long, Long> counts = Card.openCountsByColumn(boardId);
        return BoardColumn.ofBoard(boardId).stream()
                .map(c -> ColumnView.of(c, counts.getOrDefault(c.id, 0L))).toList();
    }

    /** The board, with the caller allowed to do {@code permission} on it; 404 for another team's board. */
    Scoped board(long boardId, Permission permission) {
        Board board = Board.<Board>findByIdOptional(boardId).orElseThrow(() -> ProblemException.notFound("Board"));
        Caller caller = access.require(board.teamId(), permission, "Board");
        return new Scoped(board, caller);
    }

    record Scoped(Board board, Caller caller) {
    }
}
