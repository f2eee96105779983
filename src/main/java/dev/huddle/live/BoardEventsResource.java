package dev.huddle.live;

import dev.huddle.board.BoardEvent;
import dev.huddle.board.BoardService;
import dev.huddle.common.HuddleConfig;
import dev.huddle.common.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.Vertx;
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
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The live board (SPEC §5): replay after Last-Event-ID or ?since=, then live events, with a heartbeat.
 *
 * <p>Each stream writes to its {@link SseEventSink} directly: the board's channel hands it each event on the
 * committing thread, a Vert.x timer sends its heartbeat, and an {@link SseBroadcaster} of its own, to which the sink
 * is registered only to be told when it closes, releases the stream when the client goes away. An open stream costs
 * a few small objects besides its HTTP request (docs/architecture.md, Live board).
 */
@Path("/api/boards/{boardId}/events")
@Authenticated
@Tag(name = "Live")
public class BoardEventsResource {
    private final BoardService boards;
    private final BoardEventBroadcaster broadcaster;
    private final Vertx vertx;
    private final long heartbeatMillis;

    BoardEventsResource(BoardService boards, BoardEventBroadcaster broadcaster, Vertx vertx, HuddleConfig config) {
        this.boards = boards;
        this.broadcaster = broadcaster;
        this.vertx = vertx;
        this.heartbeatMillis = Math.max(1, config.live().heartbeat().toMillis());
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events of the board: id = event seq, event = type, data = the event "
            + "{seq, type, cardId, actor, at, data}. Replays every event after Last-Event-ID (or ?since=) first.")
    @APIResponse(responseCode = "200", description = "An open event stream: the replayed events, a `connected` "
            + "comment once live, then each event as it commits, and a `heartbeat` comment every 15 s "
            + "(huddle.live.heartbeat)",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    public void stream(@PathParam("boardId") long boardId, @HeaderParam("Last-Event-ID") String lastEventId,
                       @QueryParam("since") String since, @Context SseEventSink sink, @Context Sse sse) {
        boards.snapshotAccess(boardId);
        Long resumeAfter = resumePoint(lastEventId, since);
        new Stream(sink, sse).open(boardId, resumeAfter);
    }

    /** One client's open event stream. */
    private final class Stream {
        private final SseEventSink sink;
        private final Sse sse;
        private final OutboundSseEvent heartbeat;
        private BoardEventBroadcaster.Subscription subscription;
        private long heartbeatTimer = -1;
        private boolean released;

        Stream(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
            this.heartbeat = sse.newEventBuilder().comment("heartbeat").build();
        }

        void open(long boardId, Long resumeAfter) {
            // Registered only to be told when the sink closes (the client went away, or end() closed it).
            SseBroadcaster closing = sse.newBroadcaster();
            closing.onClose(closed -> release());
            closing.register(sink);
            BoardEventBroadcaster.Subscription subscribed;
            try {
                subscribed = broadcaster.subscribe(boardId, resumeAfter, this::send, this::end);
            } catch (RuntimeException e) {
                release();
                throw e;
            }
            synchronized (this) {
                subscription = subscribed;
                if (released) {
                    subscribed.close();
                    return;
                }
                // Sent once subscribed (after any replay): from here on the client misses nothing.
                send(sse.newEventBuilder().comment("connected").reconnectDelay(2000).build());
                if (!released) { // the send finds a client that has gone already, and releases it on this thread
                    heartbeatTimer = vertx.setPeriodic(heartbeatMillis, heartbeatMillis, timer -> send(heartbeat));
                }
            }
        }

        private void send(BoardEvent event) {
            send(sse.newEventBuilder().id(Long.toString(event.seq())).name(event.type()).data(event.json()).build());
        }

        /**
         * Writes one event. A client that went away before its close could be noticed (while its stream was being
         * opened) is found closed here, by the next heartbeat at the latest, and closing the sink releases it.
         */
        private void send(OutboundSseEvent event) {
            try {
                if (!sink.isClosed()) {
                    sink.send(event);
                    return;
                }
            } catch (IllegalStateException closedMeanwhile) {
                // closed between the check and the write
            }
            sink.close();
        }

        /** Shutting down: ask the browser to reconnect soon, which a Service routes to another replica. */
        private void end() {
            send(sse.newEventBuilder().comment("closing").reconnectDelay(1000).build());
            sink.close();
        }

        /** The sink closed: stop the heartbeat and leave the board's channel. */
        synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            if (heartbeatTimer >= 0) {
                vertx.cancelTimer(heartbeatTimer);
            }
            if (subscription != null) {
                subscription.close();
            }
        }
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
