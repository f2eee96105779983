package dev.huddle.security;

import dev.huddle.common.problem.Problem;
import dev.huddle.common.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * CSRF defence for the browser session (SPEC §7): a state-changing request that authenticates with the session
 * cookie must carry the header {@value #HEADER}. Another site can make a browser send the cookie, but not a custom
 * header (that needs a CORS preflight Huddle never grants). The cookie is also SameSite=Strict. Requests with
 * HTTP Basic credentials carry no ambient authority and need no header.
 */
@ApplicationScoped
public class CsrfFilter {
    public static final String HEADER = "X-Huddle-Csrf";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BODY = "{\"type\":\"" + ProblemType.FORBIDDEN.uri + "\",\"title\":\""
            + ProblemType.FORBIDDEN.title + "\",\"status\":403,\"detail\":\"A request made with the session cookie "
            + "must carry the " + HEADER + " header\"}";

    void install(@Observes Router router) {
        router.route().order(-900).handler(ctx -> {
            var request = ctx.request();
            if (!SAFE.contains(request.method())
                    && !request.path().equals("/j_security_check")
                    && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    && hasSessionCookie(request.getHeader(HttpHeaders.COOKIE))
                    && request.getHeader(HEADER) == null) {
                ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(BODY);
                return;
            }
            ctx.next();
        });
    }

    private static boolean hasSessionCookie(String cookies) {
        return cookies != null && cookies.contains("quarkus-credential=");
    }
}
