package dev.huddle.team;

import dev.huddle.common.Http;
import dev.huddle.team.TeamApi.CreateMember;
import dev.huddle.team.TeamApi.MemberView;
import dev.huddle.team.TeamApi.PatchMember;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

@Path("/api/teams/{teamId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Teams & people")
public class MemberResource {
    private final TeamService teams;

    MemberResource(TeamService teams) {
        this.teams = teams;
    }

    @POST
    @Operation(summary = "Add a member (ADMIN or LEADER); creates the user when the username is new")
    public Response add(@PathParam("teamId") long teamId, @Valid @NotNull CreateMember request) {
        MemberView member = teams.addMember(teamId, request);
        return Http.created("/api/teams/" + teamId + "/members/" + member.id(), member);
    }

    @GET
    @Operation(summary = "The team's members, by display name")
    public List<MemberView> list(@PathParam("teamId") long teamId, @QueryParam("limit") String limit) {
        return teams.members(teamId, Http.limit(limit));
    }

    @GET
    @Path("/{memberId}")
    @Operation(summary = "One member")
    public Response get(@PathParam("teamId") long teamId, @PathParam("memberId") long memberId) {
        MemberView member = teams.member(teamId, memberId);
        return Http.tagged(member, member.version());
    }

    @PATCH
    @Path("/{memberId}")
    @Operation(summary = "Change a member's role or sales role (LEADER or ADMIN)")
    public MemberView patch(@PathParam("teamId") long teamId, @PathParam("memberId") long memberId,
                            @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PatchMember request) {
        return teams.patchMember(teamId, memberId, request, Http.version(request.version(), ifMatch));
    }
}
