package dev.huddle.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health and Prometheus metrics (SPEC §8). */
@QuarkusTest
class OpsTest {

    @Test
    void healthEndpointsAnswerAndReadinessChecksTheDatabase() {
        given().get("/q/health/live").then().statusCode(200);
        String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).contains("Database connections health check").contains("UP");
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsCountMovesAndOpenStreams() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long card = Fixture.cardId(leader, board.id(), board.column(0), "Counted");
        double before = Fixture.metric("huddle_card_moves_total");
        Fixture.move(leader, card, Map.of("toColumnId", board.column(1))).then().statusCode(200);
        assertThat(Fixture.metric("huddle_card_moves_total")).isEqualTo(before + 1);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("huddle_live_subscribers").contains("huddle_live_events_published_total");
    }
}
