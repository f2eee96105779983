package dev.huddle.team;

/** A member's role in one team (SPEC §7). */
public enum Role {
    LEADER, REP, COACH, VIEWER;

    /** What each role may do; ADMIN may do everything (see TeamAccess). */
    public boolean may(Permission permission) {
        return switch (permission) {
            case READ -> true;
            case EDIT_CARDS -> this == LEADER || this == REP;
            case MANAGE_BOARDS, MANAGE_MEMBERS, OVERRIDE_WIP -> this == LEADER;
        };
    }

    public enum Permission {
        READ, EDIT_CARDS, MANAGE_BOARDS, MANAGE_MEMBERS, OVERRIDE_WIP
    }
}
