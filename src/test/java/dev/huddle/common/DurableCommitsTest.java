package dev.huddle.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Which requests wait for their commit to be on disk (SPEC §9: no acknowledged write lost on kill -9). That the
 * wait makes a write survive a kill is PersistenceIT's part, on a file database.
 */
@QuarkusTest
class DurableCommitsTest {
    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Test
    void everyCommittedWriteWaitsAndNothingElseDoes() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long card = Fixture.cardId(leader, board.id(), board.column(0), "Durable");

        double before = durable();
        leader.api().get("/api/boards/" + board.id()).then().statusCode(200);
        leader.api().get("/api/cards/" + card).then().statusCode(200);
        assertThat(durable()).as("reads").isEqualTo(before);

        Fixture.move(leader, card, Map.of("toColumnId", board.column(1))).then().statusCode(200);
        assertThat(durable()).as("a move").isEqualTo(before + 1);

        // A stale version is refused and its transaction rolled back: nothing to wait for.
        leader.api().body(Map.of("version", 0, "toColumnId", board.column(2)))
                .post("/api/cards/" + card + "/move").then().statusCode(409);
        assertThat(durable()).as("a refused move").isEqualTo(before + 1);

        leader.api().body(Map.of("name", "Acme " + Fixture.unique())).post("/api/teams/" + team.id() + "/customers")
                .then().statusCode(201);
        assertThat(durable()).as("a new customer (no board event)").isEqualTo(before + 2);
    }

    /**
     * Concurrent writers share writes to disk, and every one of them is answered: a writer left waiting for a write
     * that no one makes would hang here until the timeout.
     */
    @Test
    void concurrentWritesAreAllAcknowledgedAndShareWrites() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        int clients = 16;
        int movesEach = 10;
        List<Long> cards = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            cards.add(Fixture.cardId(leader, board.id(), board.column(0), "Shared write " + i));
        }
        long seqBefore = Fixture.lastEventSeq(leader, board.id());
        double durableBefore = durable();
        double writesBefore = Fixture.metric("huddle_db_commits_writes_total");

        // Each client moves its card back and forth and answers the first status that is not 200 (200 if none).
        List<Integer> statuses = Fixture.race(clients, i -> {
            for (int m = 0; m < movesEach; m++) {
                int status = Fixture.move(leader, cards.get(i), Map.of("toColumnId", board.column(1 - m % 2)))
                        .statusCode();
                if (status != 200) {
                    return status;
                }
            }
            return 200;
        });
        assertThat(statuses).containsOnly(200);

        int moves = clients * movesEach;
        assertThat(durable()).as("every move acknowledged once on disk").isEqualTo(durableBefore + moves);
        double writes = Fixture.metric("huddle_db_commits_writes_total") - writesBefore;
        if (dbKind.equals("h2")) {
            assertThat(writes).as("writes to disk for the moves").isPositive().isLessThanOrEqualTo(moves);
        } else {
            assertThat(writes).as("PostgreSQL's commit is durable by itself: no writes of our own").isZero();
        }
        assertThat(Fixture.lastEventSeq(leader, board.id())).as("an event for every move").isEqualTo(seqBefore + moves);
    }

    @Test
    void recognisesWritesBySql() {
        assertThat(WriteInspector.isWrite("insert into card (id) values (?)")).isTrue();
        assertThat(WriteInspector.isWrite("  UPDATE card set title=? where id=?")).isTrue();
        assertThat(WriteInspector.isWrite("delete from board_column where id=?")).isTrue();
        assertThat(WriteInspector.isWrite("merge into card_tag key (id) values (?)")).isTrue();
        assertThat(WriteInspector.isWrite("select c.id from card c where c.title like 'update%'")).isFalse();
        assertThat(WriteInspector.isWrite("")).isFalse();
    }

    private static double durable() {
        return Fixture.metric("huddle_db_commits_durable_total");
    }
}
