package dev.huddle.common.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a declared body over 1 MiB with 413 problem+json before reading it (SPEC §4). Bodies without a length
 * are capped by quarkus.http.limits.max-body-size.
 */
@ApplicationScoped
public class BodyLimit {
    public static final long MAX_BYTES = 1024 * 1024;
    private static final String BODY = "{\"type\":\"" + ProblemType.PAYLOAD_TOO_LARGE.uri + "\",\"title\":\""
            + ProblemType.PAYLOAD_TOO_LARGE.title + "\",\"status\":413,\"detail\":\"The body is over 1 MiB\"}";

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(BODY);
                return;
            }
            ctx.next();
        });
    }

    private static boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
