package dev.huddle.team;

public enum SalesRole {
    HUNTER, FARMER
}
