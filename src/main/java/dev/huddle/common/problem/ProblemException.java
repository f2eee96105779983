package dev.huddle.common.problem;

import java.util.List;
import java.util.function.Supplier;

/** A domain refusal that the global mapper turns into problem+json; carries no stack trace. */
public class ProblemException extends RuntimeException {
    public final ProblemType type;
    public final List<Problem.FieldError> errors;
    /** For stale versions: yields the resource as it is now (read in a fresh transaction). */
    public final Supplier<Object> current;

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, Supplier<Object> current) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
        this.current = current;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found", null, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail, null, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, null, null);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null);
    }

    public static ProblemException stale(String what, Supplier<Object> current) {
        return new ProblemException(ProblemType.STALE_VERSION,
                what + " was changed by someone else; reload it and try again", null, current);
    }

    public static ProblemException wipLimit(String detail) {
        return new ProblemException(ProblemType.WIP_LIMIT_EXCEEDED, detail, null, null);
    }

    public Problem problem() {
        return new Problem(type.uri, type.title, type.status, getMessage(), errors, current == null ? null : current.get());
    }
}
