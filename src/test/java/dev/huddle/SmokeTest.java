package dev.huddle;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmokeTest {
    @Test
    void leaderCreatesBoardAndCard() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long card = Fixture.cardId(leader, board.id(), board.column(0), "Deal");
        Fixture.move(leader, card, Map.of("toColumnId", board.column(1))).then().statusCode(200)
                .body("columnId", equalTo((int) board.column(1)));
    }
}
