package dev.huddle.team;

import dev.huddle.team.TeamApi.MeView;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Teams & people")
public class MeResource {
    private final TeamService teams;

    MeResource(TeamService teams) {
        this.teams = teams;
    }

    @GET
    @Operation(summary = "The caller, their teams and roles")
    public MeView me() {
        return teams.me();
    }
}
