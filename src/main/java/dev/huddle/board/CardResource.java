package dev.huddle.board;

import dev.huddle.board.BoardApi.BlockCard;
import dev.huddle.board.BoardApi.CardVersion;
import dev.huddle.board.BoardApi.CardView;
import dev.huddle.board.BoardApi.CloseCard;
import dev.huddle.board.BoardApi.EventView;
import dev.huddle.board.BoardApi.MoveCard;
import dev.huddle.board.BoardApi.PatchCard;
import dev.huddle.board.BoardApi.ReopenCard;
import dev.huddle.common.Http;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

@Path("/api/cards/{cardId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cards")
public class CardResource {
    private final CardService cards;
    private final Counter moves;

    CardResource(CardService cards, MeterRegistry metrics) {
        this.cards = cards;
        this.moves = Counter.builder("huddle.card.moves").description("Card moves and reorders").register(metrics);
    }

    @GET
    @Operation(summary = "One card, open or closed")
    public Response get(@PathParam("cardId") long cardId) {
        CardView card = cards.get(cardId);
        return Http.tagged(card, card.version());
    }

    @PATCH
    @Operation(summary = "Edit a card's fields; a field left out is unchanged, an explicit null clears it")
    public CardView patch(@PathParam("cardId") long cardId, @HeaderParam("If-Match") String ifMatch,
                          @Valid @NotNull PatchCard request) {
        return cards.patch(cardId, request, Http.version(request.version(), ifMatch));
    }

    @POST
    @Path("/move")
    @Operation(summary = "Move a card to a column and position (also reorders within a column); "
            + "409 wip-limit-exceeded into a full column unless a LEADER overrides with a reason")
    public CardView move(@PathParam("cardId") long cardId, @HeaderParam("If-Match") String ifMatch,
                         @Valid @NotNull MoveCard request) {
        CardView moved = cards.move(cardId, request, Http.version(request.version(), ifMatch));
        moves.increment();
        return moved;
    }

    @POST
    @Path("/block")
    @Operation(summary = "Block a card with a reason (or change the reason of a blocked card)")
    public CardView block(@PathParam("cardId") long cardId, @HeaderParam("If-Match") String ifMatch,
                          @Valid @NotNull BlockCard request) {
        return cards.block(cardId, request, Http.version(request.version(), ifMatch));
    }

    @POST
    @Path("/unblock")
    @Operation(summary = "Unblock a card; the blocked time is added to its total")
    public CardView unblock(@PathParam("cardId") long cardId, @HeaderParam("If-Match") String ifMatch,
                            @Valid CardVersion request) {
        return cards.unblock(cardId, Http.version(request == null ? null : request.version(), ifMatch));
    }

    @POST
    @Path("/close")
    @Operation(summary = "Close a card with an outcome; it leaves the board")
    public CardView close(@PathParam("cardId") long cardId, @HeaderParam("If-Match") String ifMatch,
                          @Valid @NotNull CloseCard request) {
        return cards.close(cardId, request, Http.version(request.version(), ifMatch));
    }

    @POST
    @Path("/reopen")
    @Operation(summary = "Reopen a closed card at the bottom of its column; the version is optional")
    public CardView reopen(@PathParam("cardId") long cardId, @HeaderParam("If-Match") String ifMatch,
                           @Valid ReopenCard request) {
        Long bodyVersion = request == null ? null : request.version();
        Long version = bodyVersion != null || ifMatch != null ? Http.version(bodyVersion, ifMatch) : null;
        return cards.reopen(cardId, request, version);
    }

    @POST
    @Path("/recycle")
    @Operation(summary = "Devotion cycle: a new opportunity for the same customer, linked to this card")
    public Response recycle(@PathParam("cardId") long cardId) {
        CardView card = cards.recycle(cardId);
        return Http.created("/api/cards/" + card.id(), card);
    }

    @GET
    @Path("/history")
    @Operation(summary = "The card's events, oldest first")
    public List<EventView> history(@PathParam("cardId") long cardId, @QueryParam("limit") String limit) {
        return cards.history(cardId, Http.limit(limit));
    }
}
