package dev.huddle.common.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Refuses a request body over 1 MiB with 413 problem+json (SPEC §4): a declared one before reading it, and one without
 * a declared length (chunked, HTTP/1.1) once it passes the limit.
 *
 * <p>A body without a length is read here, on the event loop, with that limit; Quarkus REST would otherwise read it on
 * the worker up to {@code quarkus.http.limits.max-body-size}. Over HTTP/2 it still does: Quarkus REST pauses the
 * request it is handed, and an HTTP/2 request that has been read refuses that (a 500). A body with a length is left to
 * Quarkus REST: reading every API body here halved a move's thread wake-ups but did not make a move cheaper
 * (docs/benchmarks.md, twelfth session).
 */
@ApplicationScoped
public class BodyLimit {
    public static final long MAX_BYTES = 1024 * 1024;
    private static final String BODY = "{\"type\":\"" + ProblemType.PAYLOAD_TOO_LARGE.uri + "\",\"title\":\""
            + ProblemType.PAYLOAD_TOO_LARGE.title + "\",\"status\":413,\"detail\":\"The body is over 1 MiB\"}";
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final BodyHandler reader = BodyHandler.create(false).setBodyLimit(MAX_BYTES);

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length == null) {
                // HTTP/1.1 only: Quarkus REST pauses the request it is handed, which HTTP/2 refuses once it is read.
                if (ctx.request().version() != HttpVersion.HTTP_2 && WITH_BODY.contains(ctx.request().method())
                        && ctx.request().path().startsWith("/api/")) {
                    reader.handle(ctx);
                    return;
                }
            } else if (tooLarge(length)) {
                refuse(ctx);
                return;
            }
            ctx.next();
        }).failureHandler(ctx -> {
            // The reader fails the request with 413 when a body without a declared length passes the limit.
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx);
                return;
            }
            ctx.next();
        });
    }

    private static void refuse(RoutingContext ctx) {
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(BODY);
    }

    private static boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
