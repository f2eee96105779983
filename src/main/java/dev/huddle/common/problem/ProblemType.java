package dev.huddle.common.problem;

/** The problem `type` values of SPEC §4, with their status and title. */
public enum ProblemType {
    VALIDATION("/problems/validation", 400, "Invalid request"),
    MALFORMED_JSON("/problems/malformed-json", 400, "Malformed JSON"),
    UNAUTHENTICATED("/problems/unauthenticated", 401, "Authentication required"),
    FORBIDDEN("/problems/forbidden", 403, "Not allowed"),
    NOT_FOUND("/problems/not-found", 404, "Not found"),
    CONFLICT("/problems/conflict", 409, "Conflict"),
    STALE_VERSION("/problems/stale-version", 409, "Stale version"),
    WIP_LIMIT_EXCEEDED("/problems/wip-limit-exceeded", 409, "WIP limit exceeded"),
    PAYLOAD_TOO_LARGE("/problems/payload-too-large", 413, "Payload too large");

    public final String uri;
    public final int status;
    public final String title;

    ProblemType(String uri, int status, String title) {
        this.uri = uri;
        this.status = status;
        this.title = title;
    }

    public Problem problem(String detail) {
        return new Problem(uri, title, status, detail, null, null);
    }
}
