package dev.huddle.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The sign-in page; its form posts j_username and j_password to /j_security_check (Quarkus form auth). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {
    /** The session cookie of Quarkus form authentication. */
    static final String SESSION_COOKIE = "quarkus-credential";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error, boolean loggedOut);
    }

    @GET
    @Path("login")
    @Operation(hidden = true)
    public TemplateInstance login(@QueryParam("error") String error, @QueryParam("bye") String bye) {
        return Templates.login(error != null, bye != null);
    }

    @GET
    @Path("logout")
    @Operation(hidden = true)
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(SESSION_COOKIE).path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).value("").build();
        return Response.seeOther(URI.create("/login?bye=1")).cookie(expired).build();
    }
}
