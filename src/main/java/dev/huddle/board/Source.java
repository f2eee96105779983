package dev.huddle.board;

/** Which channel actor brought the opportunity in (SPEC §2). */
public enum Source {
    DIRECT, INBOUND, REFERRAL, INFLUENCER, RESELLER
}
