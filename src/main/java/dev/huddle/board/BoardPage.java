package dev.huddle.board;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The board page: a server-rendered frame; board.js loads the snapshot from the API, renders the cards, and keeps
 * them live from the event stream.
 */
@Path("/boards/{boardId}")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class BoardPage {
    private final BoardService boards;

    BoardPage(BoardService boards) {
        this.boards = boards;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance board(BoardService.PageContext page);
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance board(@PathParam("boardId") long boardId) {
        return Templates.board(boards.pageContext(boardId));
    }
}
