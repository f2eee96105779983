package dev.huddle.customer;

/** How the customer sees us, set by the team (SPEC §2). */
public enum RelationshipLevel {
    VENDOR, PROBLEM_SOLVER, PARTNER
}
