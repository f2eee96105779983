package dev.huddle.live;

import dev.huddle.board.BoardEvent;
import dev.huddle.board.BoardService;
import dev.huddle.common.HuddleConfig;
import dev.huddle.common.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live board (SPEC §5): replay after Last-Event-ID or ?since=, then live events, with a heartbeat. */
@Path("/api/boards/{boardId}/events")
@Authenticated
@Tag(name = "Live")
public class BoardEventsResource {
    private final BoardService boards;
    private final BoardEventBroadcaster broadcaster;
    private final Duration heartbeat;

    BoardEventsResource(BoardService boards, BoardEventBroadcaster broadcaster, HuddleConfig config) {
        this.boards = boards;
        this.broadcaster = broadcaster;
        this.heartbeat = config.live().heartbeat();
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events of the board: id = event seq, event = type, data = the event "
            + "{seq, type, cardId, actor, at, data}. Replays every event after Last-Event-ID (or ?since=) first.")
    public Multi<OutboundSseEvent> stream(@PathParam("boardId") long boardId,
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @QueryParam("since") String since, @Context Sse sse) {
        boards.snapshotAccess(boardId);
        Long resumeAfter = resumePoint(lastEventId, since);
        Multi<OutboundSseEvent> events = Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            BoardEventBroadcaster.Subscription subscription = broadcaster.subscribe(boardId, resumeAfter,
                    event -> emitter.emit(toSse(sse, event)),
                    () -> {
                        // Shutting down: ask the browser to reconnect soon, which a Service routes to another replica.
                        emitter.emit(sse.newEventBuilder().comment("closing").reconnectDelay(1000).build());
                        emitter.complete();
                    });
            emitter.onTermination(subscription::close);
            // Sent once subscribed (after any replay): from here on the client misses nothing.
            emitter.emit(sse.newEventBuilder().comment("connected").reconnectDelay(2000).build());
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().startingAfter(heartbeat).every(heartbeat)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(events, heartbeats);
    }

    private static OutboundSseEvent toSse(Sse sse, BoardEvent event) {
        return sse.newEventBuilder()
                .id(Long.toString(event.seq()))
                .name(event.type())
                .data(event.json())
                .build();
    }

    private static Long resumePoint(String lastEventId, String since) {
        String raw = lastEventId != null && !lastEventId.isBlank() ? lastEventId : since;
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(raw.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalid(lastEventId != null && !lastEventId.isBlank() ? "Last-Event-ID" : "since",
                "must be an event seq (a whole number ≥ 0)");
    }
}
