package dev.huddle.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which requests wait for their commit to be on disk (SPEC §9: no acknowledged write lost on kill -9). That the
 * wait makes a write survive a kill is PersistenceIT's part, on a file database.
 */
@QuarkusTest
class DurableCommitsTest {

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
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("huddle_db_commits_durable_total "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
