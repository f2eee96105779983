package dev.huddle.common.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request body over 1 MiB with 413 problem+json (SPEC §4): a declared one before reading it, and one without
 * a declared length once it passes the limit.
 *
 * <p>Over HTTP/1.1 a body without a length (chunked) is read here, on the event loop, with that limit; Quarkus REST
 * would otherwise read it on the worker up to {@code quarkus.http.limits.max-body-size}, and answer past that with an
 * empty 413. Over HTTP/2 it cannot be read here: Quarkus REST pauses the request it is handed, and an HTTP/2 request
 * that has been read refuses that (a 500). So there the endpoint's own read is bounded ({@link #boundUndeclared}). A
 * body with a length is left to Quarkus REST: reading every API body here halved a move's thread wake-ups but did not
 * make a move cheaper (docs/benchmarks.md, twelfth session).
 */
@ApplicationScoped
public class BodyLimit {
    public static final long MAX_BYTES = 1024 * 1024;
    private static final String DETAIL = "The body is over 1 MiB";
    private static final String BODY = "{\"type\":\"" + ProblemType.PAYLOAD_TOO_LARGE.uri + "\",\"title\":\""
            + ProblemType.PAYLOAD_TOO_LARGE.title + "\",\"status\":413,\"detail\":\"" + DETAIL + "\"}";
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final BodyHandler reader = BodyHandler.create(false).setBodyLimit(MAX_BYTES);

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length == null) {
                // HTTP/1.1 only: Quarkus REST pauses the request it is handed, which HTTP/2 refuses once it is read.
                if (ctx.request().version() != HttpVersion.HTTP_2 && apiWrite(ctx.request())) {
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

    /**
     * An HTTP/2 body without a declared length: the endpoint reads it through a stream that refuses the byte past
     * 1 MiB, which the problem mapper answers with the same 413.
     */
    @ServerRequestFilter
    public void boundUndeclared(ContainerRequestContext request, HttpServerRequest http) {
        if (http.version() == HttpVersion.HTTP_2 && http.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && apiWrite(http)) {
            request.setEntityStream(new Bounded(request.getEntityStream()));
        }
    }

    /** A request to the API that may carry a body: the ones whose body without a declared length is bounded here. */
    private static boolean apiWrite(HttpServerRequest request) {
        return WITH_BODY.contains(request.method()) && request.path().startsWith("/api/");
    }

    private static void refuse(RoutingContext ctx) {
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // The rest of the body is not read, so the connection cannot carry another request. HTTP/2 has no such
            // header (a response with it is reset) and ends only this request's stream.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(BODY);
    }

    /**
     * A body stream that fails past {@link #MAX_BYTES}. It fails as streams do, with an IOException, which the JSON
     * reader passes on unwrapped (it would wrap any other exception as a field's error); the problem mapper answers
     * the 413 the exception carries.
     */
    static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            if (n > 0 && (read += n) > MAX_BYTES) {
                throw new IOException(DETAIL, new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, DETAIL, null, null));
            }
        }
    }

    private static boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
