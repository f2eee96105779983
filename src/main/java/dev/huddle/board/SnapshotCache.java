package dev.huddle.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.huddle.board.BoardApi.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Board snapshots as JSON, one per board, kept for the event seq they were read at. Every change a snapshot shows
 * (board, columns, open cards) appends a board event in the same transaction, so a board whose seq has not moved
 * has not changed: a whole room opening the board at standup costs one read. Bounded by size; each replica keeps
 * its own, and the seq is always read from the database first.
 */
@ApplicationScoped
public class SnapshotCache {
    /** The most JSON kept, over all boards (a 1,000-card board is about 0.6 MB). */
    static final long MAX_BYTES = 16L << 20;

    public record Entry(long seq, long boardVersion, byte[] json) {
    }

    private final Cache<Long, Entry> entries = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((Long boardId, Entry entry) -> entry.json().length)
            .build();
    private final ObjectMapper json;
    /** Striped: one read at a time per board (and its few neighbours by id). */
    private final Object[] locks = new Object[64];

    SnapshotCache(ObjectMapper json) {
        this.json = json;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The board's snapshot at {@code seq} or later: the kept one if it is that new, else {@code read}'s. Readers
     * who miss at the same time wait for one read instead of each reading the whole board.
     */
    public Entry get(long boardId, long seq, Supplier<Snapshot> read) {
        Entry kept = entries.getIfPresent(boardId);
        if (kept != null && kept.seq() >= seq) {
            return kept;
        }
        synchronized (locks[(int) Math.floorMod(boardId, (long) locks.length)]) {
            kept = entries.getIfPresent(boardId);
            if (kept != null && kept.seq() >= seq) {
                return kept;
            }
            Snapshot snapshot = read.get();
            Entry entry;
            try {
                entry = new Entry(seq, snapshot.board().version(), json.writeValueAsBytes(snapshot));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Snapshot not serialisable", e);
            }
            entries.put(boardId, entry);
            return entry;
        }
    }
}
