package dev.huddle.board;

/** QUEUE: waiting, not started. ACTIVE: work in progress. DONE: finished (SPEC §7b). */
public enum ColumnType {
    QUEUE, ACTIVE, DONE
}
