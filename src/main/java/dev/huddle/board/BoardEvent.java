package dev.huddle.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.huddle.board.BoardApi.EventView;
import java.time.Instant;

/**
 * A board event as screens receive it: fired in the writing transaction and observed after commit, or read back
 * from the event log for replay. {@code json} is the event envelope {seq, type, cardId, actor, at, data},
 * serialised once for every subscriber.
 */
public record BoardEvent(long boardId, long seq, String type, Instant at, String json) {

    public static BoardEvent of(CardEvent event, ObjectMapper mapper) {
        try {
            return new BoardEvent(event.boardId, event.seq, event.type, event.at,
                    mapper.writeValueAsString(EventView.of(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event not serialisable", e);
        }
    }
}
