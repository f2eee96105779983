package dev.huddle.board;

public enum Outcome {
    OPEN, WON, LOST, DONE, DROPPED
}
