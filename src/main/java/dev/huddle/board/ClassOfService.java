package dev.huddle.board;

/** Declared in swimlane order: expedite on top. */
public enum ClassOfService {
    EXPEDITE, FIXED_DATE, STANDARD, INTANGIBLE
}
