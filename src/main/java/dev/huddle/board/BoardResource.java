package dev.huddle.board;

import dev.huddle.board.BoardApi.BoardView;
import dev.huddle.board.BoardApi.CardView;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/boards/{boardId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Boards")
public class BoardResource {
    private final BoardService boards;
    private final CardService cards;

    BoardResource(BoardService boards, CardService cards) {
        this.boards = boards;
        this.cards = cards;
    }

    @GET
        @Operation(summary = "Board snapshot: board, columns with counts, open cards in board order, and the event seq "
            + "to resume the live stream from")
    @APIResponse(responseCode = "200", description = "The snapshot; ETag is the board's version. Gzip-encoded "
            + "(Content-Encoding: gzip) when the request's Accept-Encoding accepts gzip, as browsers' does",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Snapshot.class)))
    public Response snapshot(@PathParam("boardId") long boardId,
                             @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        SnapshotCache.Entry snapshot = boards.snapshot(boardId);
        boolean gzip = Http.acceptsGzip(acceptEncoding);
        Response.ResponseBuilder answer = Response.ok(gzip ? snapshot.gzip() : snapshot.json())
                .tag(Http.versionTag(snapshot.boardVersion()))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return (gzip ? answer.header(HttpHeaders.CONTENT_ENCODING, "gzip") : answer).build();
    }

    @PATCH
        @Operation(summary = "Rename or archive a board (LEADER)")
    public BoardView patch(@PathParam("boardId") long boardId, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull PatchBoard request) {
        return boards.patch(boardId, request, Http.version(request.version(), ifMatch));
    }

    @POST
    @Path("/columns")
    @Operation(summary = "Add a column (LEADER)")
    public Response addColumn(@PathParam("boardId") long boardId, @Valid @NotNull CreateColumn request) {
        ColumnView column = boards.addColumn(boardId, request);
        return Http.created("/api/boards/" + boardId + "/columns/" + column.id(), column);
    }

    @PATCH
    @Path("/columns/{columnId}")
    @Operation(summary = "Change a column's name, WIP limit, policy, type, probability or position (LEADER)")
    public ColumnView patchColumn(@PathParam("boardId") long boardId, @PathParam("columnId") long columnId,
                                  @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PatchColumn request) {
        return boards.patchColumn(boardId, columnId, request, Http.version(request.version(), ifMatch));
    }

    @DELETE
    @Path("/columns/{columnId}")
    @Operation(summary = "Delete an empty column (LEADER); 409 while it holds open cards")
    public Response deleteColumn(@PathParam("boardId") long boardId, @PathParam("columnId") long columnId) {
        boards.deleteColumn(boardId, columnId);
        return Response.noContent().build();
    }

    @POST
    @Path("/cards")
    @Operation(summary = "Add a card at the bottom of a column (the first by default)")
    public Response createCard(@PathParam("boardId") long boardId, @Valid @NotNull CreateCard request) {
        CardView card = cards.create(boardId, request);
        return Http.created("/api/cards/" + card.id(), card);
    }

    @GET
    @Path("/cards")
    @Operation(summary = "Search and filter the board's cards, closed ones included; most recently changed first")
    public List<CardView> search(@PathParam("boardId") long boardId, @QueryParam("q") String q,
                                 @QueryParam("ownerId") String ownerId, @QueryParam("tag") String tag,
                                 @QueryParam("blocked") String blocked, @QueryParam("outcome") String outcome,
                                 @QueryParam("limit") String limit) {
        return cards.search(boardId, q, Http.optionalId("ownerId", ownerId), tag,
                Http.optionalBoolean("blocked", blocked), Http.optionalEnum("outcome", outcome, Outcome.class),
                Http.limit(limit));
    }
}
