package dev.huddle.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No lost or duplicated update under concurrent conflicting moves (SPEC §9 reliability). */
@QuarkusTest
class MoveConcurrencyTest {
    private static final int CLIENTS = 12;

    @Test
    void exactlyOneOfManyMovesAtTheSameVersionWins() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var rep = team.member("REP");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(rep, board.id(), board.column(0), "Contested deal");
        long version = Fixture.version(rep, cardId);
        long seqBefore = Fixture.lastEventSeq(rep, board.id());

        List<Integer> statuses = Fixture.race(CLIENTS, i -> rep.api()
                .body(Map.of("version", version, "toColumnId", board.column(1 + i % 4)))
                .post("/api/cards/" + cardId + "/move").statusCode());

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        var card = rep.api().get("/api/cards/" + cardId).then().extract().jsonPath();
        assertThat(card.getLong("version")).isEqualTo(version + 1);
        assertThat(Fixture.lastEventSeq(rep, board.id())).isEqualTo(seqBefore + 1);
        var history = rep.api().get("/api/cards/" + cardId + "/history").then().extract().jsonPath();
        assertThat(history.getList("type", String.class)).containsExactly("card.created", "card.moved");
        assertThat(history.getLong("[1].data.card.columnId")).isEqualTo(card.getLong("columnId"));
    }

    @Test
    void concurrentMovesOfDifferentCardsAllLandWithDistinctSeqs() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        List<Long> cards = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            cards.add(Fixture.cardId(leader, board.id(), board.column(0), "Deal " + i));
        }
        long seqBefore = Fixture.lastEventSeq(leader, board.id());

        List<Integer> statuses = Fixture.race(CLIENTS, i -> leader.api()
                .body(Map.of("version", 0, "toColumnId", board.column(1)))
                .post("/api/cards/" + cards.get(i) + "/move").statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(Fixture.lastEventSeq(leader, board.id())).isEqualTo(seqBefore + CLIENTS);
        assertThat(Fixture.columnOrder(leader, board.id(), board.column(1))).containsExactlyInAnyOrderElementsOf(cards);
        List<Long> seqs = leader.api().get("/api/boards/" + board.id() + "/cards?limit=1000").then().extract()
                .jsonPath().getList("id", Long.class);
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(cards);
    }

    @Test
    void twoMovesIntoTheLastWipSlotCannotBothSucceed() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long target = board.column(2);
        Fixture.wipLimit(leader, board, 2, 1);
        List<Long> cards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cards.add(Fixture.cardId(leader, board.id(), board.column(0), "Deal " + i));
        }

        List<Integer> statuses = Fixture.race(cards.size(), i -> leader.api()
                .body(Map.of("version", 0, "toColumnId", target))
                .post("/api/cards/" + cards.get(i) + "/move").statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(cards.size() - 1);
        assertThat(Fixture.columnOrder(leader, board.id(), target)).hasSize(1);
    }
}
