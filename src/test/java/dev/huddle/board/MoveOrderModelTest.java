package dev.huddle.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.huddle.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random moves and reorders through the API against a reference model of the columns: the board's order always
 * matches the model, including when ranks run out of room and a column is rebalanced.
 */
@QuarkusTest
class MoveOrderModelTest {

    @Test
    void randomMovesMatchTheModel() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "IMPROVEMENT");
        List<Long> columns = board.columnIds().subList(0, 3);
        Map<Long, List<Long>> model = new HashMap<>();
        columns.forEach(c -> model.put(c, new ArrayList<>()));
        Map<Long, Long> versions = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            long column = columns.get(i % columns.size());
            long id = Fixture.cardId(leader, board.id(), column, "Idea " + i);
            model.get(column).add(id);
            versions.put(id, 0L);
        }
        Random random = new Random(20261123);
        for (int step = 0; step < 120; step++) {
            long card = pick(random, versions.keySet().stream().sorted().toList());
            long from = columnOf(model, card);
            long to = columns.get(random.nextInt(columns.size()));
            List<Long> target = new ArrayList<>(model.get(to));
            target.remove(card);
            Map<String, Object> body = new HashMap<>(Map.of("version", versions.get(card), "toColumnId", to));
            int position;
            int mode = random.nextInt(3);
            if (target.isEmpty() || mode == 0) {
                position = target.size();
            } else if (mode == 1) {
                position = random.nextInt(target.size());
                body.put("beforeCardId", target.get(position));
            } else {
                int anchor = random.nextInt(target.size());
                body.put("afterCardId", target.get(anchor));
                position = anchor + 1;
            }
            var moved = leader.api().body(body).post("/api/cards/" + card + "/move").then().statusCode(200)
                    .extract().jsonPath();
            versions.put(card, moved.getLong("version"));
            model.get(from).remove(card);
            target.add(position, card);
            model.put(to, target);
            if (step % 10 == 9) {
                assertBoardMatches(leader, board.id(), model);
            }
        }
        assertBoardMatches(leader, board.id(), model);
    }

    @Test
    void insertingAtTheSameSpotOverAndOverRebalancesAndKeepsOrder() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "IMPROVEMENT");
        long column = board.column(0);
        long first = Fixture.cardId(leader, board.id(), column, "First");
        long last = Fixture.cardId(leader, board.id(), column, "Last");
        long a = Fixture.cardId(leader, board.id(), column, "A");
        long b = Fixture.cardId(leader, board.id(), column, "B");
        long versionA = 0;
        long versionB = 0;
        boolean rebalanced = false;
        List<Long> expected = new ArrayList<>(List.of(first, last, a, b));
        // Alternately put A and B directly after First: each new rank falls between First and the other card.
        for (int i = 0; i < 400 && !rebalanced; i++) {
            boolean moveA = i % 2 == 0;
            long card = moveA ? a : b;
            var json = leader.api().body(Map.of("version", moveA ? versionA : versionB, "toColumnId", column,
                    "afterCardId", first)).post("/api/cards/" + card + "/move").then().statusCode(200).extract().jsonPath();
            if (moveA) {
                versionA = json.getLong("version");
            } else {
                versionB = json.getLong("version");
            }
            assertThat(json.getString("rank").length()).isLessThanOrEqualTo(Rank.REBALANCE_LENGTH);
            List<String> types = leader.api().get("/api/cards/" + card + "/history?limit=1000").then().extract()
                    .jsonPath().getList("findAll { it.data.rebalanced == true }.type", String.class);
            rebalanced = !types.isEmpty();
            expected.remove(card);
            expected.add(1, card);
            assertThat(Fixture.columnOrder(leader, board.id(), column)).containsExactlyElementsOf(expected);
        }
        assertThat(rebalanced).as("ranks ran out of room and the column was rebalanced").isTrue();
        // The rebalance rewrote the other cards' ranks but not their versions: a client's copy of them is not stale.
        long other = expected.get(2);
        long otherVersion = other == a ? versionA : versionB;
        for (long card : List.of(first, last)) {
            leader.api().get("/api/cards/" + card).then().statusCode(200).body("version", is(0));
        }
        leader.api().body(Map.of("version", otherVersion, "toColumnId", column, "beforeCardId", first))
                .post("/api/cards/" + other + "/move").then().statusCode(200);
        leader.api().body(Map.of("version", 0, "toColumnId", column)).post("/api/cards/" + first + "/move")
                .then().statusCode(200);
        expected.remove(other);
        expected.add(0, other);
        expected.remove(first);
        expected.add(first);
        assertThat(Fixture.columnOrder(leader, board.id(), column)).containsExactlyElementsOf(expected);
    }

    private static void assertBoardMatches(Fixture.Person who, long boardId, Map<Long, List<Long>> model) {
        model.forEach((column, cards) -> assertThat(Fixture.columnOrder(who, boardId, column))
                .as("column %d", column).containsExactlyElementsOf(cards));
    }

    private static long columnOf(Map<Long, List<Long>> model, long card) {
        return model.entrySet().stream().filter(e -> e.getValue().contains(card)).findFirst().orElseThrow().getKey();
    }

    private static long pick(Random random, List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
