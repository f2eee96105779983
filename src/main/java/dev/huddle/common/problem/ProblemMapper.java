package dev.huddle.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import dev.huddle.security.CsrfFilter;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become RFC 9457 bodies; nothing internal reaches a client. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Where Quarkus form authentication returns to after sign-in. */
    static final String REDIRECT_COOKIE = "quarkus-redirect-location";
    public static final String CHALLENGE = "Basic realm=\"Huddle\", charset=\"UTF-8\"";

    public static Response respond(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("The request is not valid");
        return respond(new Problem(ProblemType.VALIDATION.uri, ProblemType.VALIDATION.title, 400, detail, errors, null));
    }

    @ServerExceptionMapper({JsonParseException.class, StreamConstraintsException.class})
    public Response malformed(JsonProcessingException e) {
        return respond(ProblemType.MALFORMED_JSON.problem("The body is not well-formed JSON"
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr() + ")")));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return fieldProblem(e, "unknown field");
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return fieldProblem(e, "must be " + describe(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return respond(ProblemType.MALFORMED_JSON.problem("The body must be a JSON object of the documented shape"));
        }
        return fieldProblem(e, "must be " + describe(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return respond(ProblemType.MALFORMED_JSON.problem("The body must be a JSON object of the documented shape"));
        }
        return fieldProblem(e, "has an invalid value");
    }

    /**
     * The API answers 401 problem+json with a Basic challenge (none for the page's own scripts, so the browser
     * shows no password dialog); a page redirects to /login and comes back after sign-in.
     */
    @ServerExceptionMapper({AuthenticationFailedException.class,
            AuthenticationCompletionException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        if ("/j_security_check".equals(request.path())) {
            return Response.seeOther(URI.create("/login?error=true")).build();
        }
        if (!request.path().startsWith("/api/") && !request.path().equals("/api")) {
            return Response.seeOther(URI.create("/login"))
                    .header(HttpHeaders.SET_COOKIE, REDIRECT_COOKIE + "=" + request.absoluteURI()
                            + "; Path=/; HttpOnly; SameSite=Strict")
                    .build();
        }
        Response response = respond(ProblemType.UNAUTHENTICATED.problem("Sign in, or send valid HTTP Basic credentials"));
        if (request.getHeader(CsrfFilter.HEADER) != null) {
            response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        }
        return response;
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(RuntimeException e) {
        return respond(ProblemType.FORBIDDEN.problem("Your role may not do this"));
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return respond(ProblemType.STALE_VERSION.problem("The resource was changed by someone else; reload it and try again"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // The JSON body reader wraps Jackson's errors in a bare 400: answer them as if thrown directly.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonParseException || cause instanceof StreamConstraintsException) {
                return malformed((JsonProcessingException) cause);
            }
            if (cause instanceof UnrecognizedPropertyException u) {
                return unknownField(u);
            }
            if (cause instanceof InvalidFormatException i) {
                return invalidFormat(i);
            }
            if (cause instanceof MismatchedInputException m) {
                return mismatched(m);
            }
            if (cause instanceof JsonMappingException m) {
                return mapping(m);
            }
            if (cause instanceof JsonProcessingException p) {
                return malformed(p);
            }
        }
        int status = e.getResponse().getStatus();
        ProblemType known = switch (status) {
            case 400 -> ProblemType.VALIDATION;
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            default -> null;
        };
        if (known != null) {
            String detail = status == 404 ? "No such resource" : known.title;
            return respond(known.problem(detail));
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(new Problem("about:blank", "Internal error", 500, "The request could not be completed", null, null));
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        return respond(new Problem("about:blank", type.getReasonPhrase(), status, type.getReasonPhrase(), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ProblemException p) {
                return problem(p);
            }
            if (cause instanceof OptimisticLockException o) {
                return optimisticLock(o);
            }
            if (isLockConflict(cause)) {
                LOG.debug("A lock conflict refused a request", e);
                return respond(ProblemType.CONFLICT.problem(
                        "Someone else was changing the same data at that moment; try again"));
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        LOG.error("Unexpected failure", e);
        return respond(new Problem("about:blank", "Internal error", 500, "The request could not be completed", null, null));
    }

    /**
     * A transaction that waited for a row lock longer than the database allows (H2's LOCK_TIMEOUT), or that the
     * database chose to roll back to break a deadlock: the request met a concurrent change, as a stale version does,
     * and may simply be sent again. Hibernate reports both as its {@code PessimisticLockException} (or, through the
     * JPA API, as Jakarta's).
     */
    private static boolean isLockConflict(Throwable e) {
        return e instanceof org.hibernate.PessimisticLockException
                || e instanceof jakarta.persistence.PessimisticLockException
                || e instanceof jakarta.persistence.LockTimeoutException;
    }

    private static Response fieldProblem(JsonMappingException e, String message) {
        String field = path(e.getPath());
        return respond(new Problem(ProblemType.VALIDATION.uri, ProblemType.VALIDATION.title, 400,
                field + ": " + message, List.of(new Problem.FieldError(field, message)), null));
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    static String field(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> {
                    continue;
                }
                default -> {
                }
            }
            if (node.isInIterable() && node.getIndex() != null) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of the documented type";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of ");
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(values[i]);
            }
            return sb.toString();
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string without NUL characters";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
