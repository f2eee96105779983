package dev.huddle.customer;

public enum Channel {
    CALL, EMAIL, MEETING, SOCIAL, EVENT, WEB, CHAT
}
