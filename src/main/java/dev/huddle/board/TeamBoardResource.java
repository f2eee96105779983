package dev.huddle.board;

import dev.huddle.board.BoardApi.BoardView;
import dev.huddle.board.BoardApi.ColumnView;
import dev.huddle.board.BoardApi.CreateBoard;
import dev.huddle.board.BoardApi.CreateCard;
import dev.huddle.board.BoardApi.CreateColumn;
import dev.huddle.board.BoardApi.PatchBoard;
import dev.huddle.board.BoardApi.PatchColumn;
import dev.huddle.board.BoardApi.Snapshot;
import dev.huddle.common.Http;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

@Path("/api/teams/{teamId}/boards")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Boards")
public class TeamBoardResource {
    private final BoardService boards;

    TeamBoardResource(BoardService boards) {
        this.boards = boards;
    }

    @POST
    @Operation(summary = "Create a board (LEADER) with the default columns of its kind")
    public Response create(@PathParam("teamId") long teamId, @Valid @NotNull CreateBoard request) {
        BoardView board = boards.create(teamId, request);
        return Http.created("/api/boards/" + board.id(), board);
    }

    @GET
    @Operation(summary = "The team's boards by name; archived ones only with archived=true")
    public List<BoardView> list(@PathParam("teamId") long teamId, @QueryParam("archived") String archived,
                                @QueryParam("limit") String limit) {
        return boards.list(teamId, Boolean.TRUE.equals(Http.optionalBoolean("archived", archived)), Http.limit(limit));
    }

}
