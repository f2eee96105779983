package dev.huddle.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.huddle.common.DurableCommits;
import dev.huddle.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Appends board events in the caller's transaction. The board's seq counter (its row in {@code board_seq}) is
 * advanced with a row-locking update as the last step before commit, so seqs are strictly increasing per board and
 * commit in seq order.
 */
@ApplicationScoped
public class EventLog {
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    /** The PostgreSQL NOTIFY channel announcing committed events ("boardId:seq") to every replica. */
    public static final String NOTIFY_CHANNEL = "huddle_board_events";
    private static final String INSERT_SQL =
            "insert into card_event (board_id, seq, card_id, type, actor, at, data) values (?, ?, ?, ?, ?, ?, ?)";

    private final Event<BoardEvent> committed;
    private final DurableCommits commits;
    private final boolean postgres;
    private final String nextSeqSql;

    EventLog(EntityManager em, ObjectMapper json, Clock clock, Event<BoardEvent> committed, DurableCommits commits,
             @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.committed = committed;
        this.commits = commits;
        this.postgres = dbKind.startsWith("postgres");
        // Advance and read the board's seq in one statement; the row stays locked until commit.
        this.nextSeqSql = postgres
                ? "update board_seq set event_seq = event_seq + 1 where board_id = ? returning event_seq"
                : "select event_seq from final table (update board_seq set event_seq = event_seq + 1 where board_id = ?)";
    }

    /**
     * Writes pending changes, then appends the event. A concurrent change to the same resource surfaces in that
     * write as a stale version. {@code data} is built after the write, so views carry the new versions.
     *
     * @param what    names the changed resource in a stale-version problem
     * @param current reads the resource as it is now, for the stale-version problem body
     */
    public CardEvent append(long boardId, Long cardId, String type, String actor, String what,
                            Supplier<Object> current, Supplier<Map<String, Object>> data) {
        flush(what, current);
        String payload;
        try {
            payload = json.writeValueAsString(data.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event data not serialisable", e);
        }
        CardEvent event = new CardEvent();
        event.boardId = boardId;
        event.cardId = cardId;
        event.type = type;
        event.actor = actor;
        event.at = Instant.now(clock);
        event.data = payload;
        // From here to commit the board's seq row is locked: keep this stretch short.
        event.seq = store(event);
        if (postgres) {
            // Delivered to every replica's relay when (and only if) this transaction commits.
            em.createNativeQuery("select pg_notify('" + NOTIFY_CHANNEL + "', ?1)")
                    .setParameter(1, boardId + ":" + event.seq)
                    .getSingleResult();
        }
        // Observed by the live broadcaster once the commit is on disk; a rolled-back change never reaches a screen.
        BoardEvent stored = BoardEvent.of(event, json);
        commits.afterStored(() -> committed.fire(stored));
        return event;
    }

    /**
     * Advances the board's seq and inserts the event with it; returns the seq. Plain JDBC, as nothing of the session
     * is involved: the event is never read back in this transaction, and no one needs its generated id, so
     * Hibernate's insert (an identity insert that fetches the id, and its entity bookkeeping) would only cost time
     * while the board's seq row is locked.
     */
    private long store(CardEvent event) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            long seq;
            try (PreparedStatement statement = connection.prepareStatement(nextSeqSql)) {
                statement.setLong(1, event.boardId);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("No board " + event.boardId);
                    }
                    seq = row.getLong(1);
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(INSERT_SQL)) {
                statement.setLong(1, event.boardId);
                statement.setLong(2, seq);
                if (event.cardId == null) {
                    statement.setNull(3, Types.BIGINT);
                } else {
                    statement.setLong(3, event.cardId);
                }
                statement.setString(4, event.type);
                statement.setString(5, event.actor);
                statement.setObject(6, event.at.atOffset(ZoneOffset.UTC));
                statement.setString(7, event.data);
                statement.executeUpdate();
            }
            return seq;
        });
    }

    /** Writes pending changes now; a lost race with another writer becomes a stale-version problem. */
    public void flush(String what, Supplier<Object> current) {
        try {
            em.flush();
        } catch (OptimisticLockException | StaleStateException e) {
            throw ProblemException.stale(what, current);
        }
    }
}
