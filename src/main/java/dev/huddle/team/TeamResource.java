package dev.huddle.team;

import dev.huddle.common.Http;
import dev.huddle.team.TeamApi.CreateTeam;
import dev.huddle.team.TeamApi.TeamView;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/teams")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Teams & people")
public class TeamResource {
    private final TeamService teams;

    TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @POST
    @Operation(summary = "Create a team (ADMIN)")
    public Response create(@Valid @NotNull CreateTeam request) {
        TeamView team = teams.create(request);
        return Http.created("/api/teams/" + team.id(), team);
    }

    @GET
    @Operation(summary = "The caller's teams (every team for an ADMIN), by name")
    public List<TeamView> list(@QueryParam("limit") String limit) {
        return teams.list(Http.limit(limit));
    }

    @GET
    @Path("/{teamId}")
    @Operation(summary = "One team")
    public Response get(@PathParam("teamId") long teamId) {
        TeamView team = teams.get(teamId);
        return Http.tagged(team, team.version());
    }
}
