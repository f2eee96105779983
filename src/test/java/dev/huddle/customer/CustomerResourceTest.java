package dev.huddle.customer;

import static dev.huddle.Fixture.problem;
import static dev.huddle.Fixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.huddle.Fixture;
import dev.huddle.Fixture.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerResourceTest {

    private static String customersOf(long teamId) {
        return "/api/teams/" + teamId + "/customers";
    }

    private static String touchpointsOf(long cardId) {
        return "/api/cards/" + cardId + "/touchpoints";
    }

    @Test
    void repCreatesACustomerAsVendorByDefault() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        String name = "Acme " + unique();

        Response created = rep.api().body(Map.of("name", name)).post(customersOf(team.id()));
        created.then().statusCode(201)
                .body("name", equalTo(name))
                .body("teamId", equalTo((int) team.id()))
                .body("relationshipLevel", equalTo("VENDOR"))
                .body("version", notNullValue());
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/customers/" + id);

        rep.api().get(created.header("Location")).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void viewerMayNotCreateACustomer() {
        var team = Fixture.team();
        Person viewer = team.member("VIEWER");
        String name = "Nope " + unique();

        problem(viewer.api().body(Map.of("name", name)).post(customersOf(team.id())), 403, "/problems/forbidden");
        assertThat(viewer.api().get(customersOf(team.id())).then().statusCode(200).extract().jsonPath()
                .getList("name", String.class)).doesNotContain(name);
    }

    @Test
    void personaAndEmpathyMapRoundTrip() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        Map<String, Object> empathy = Map.of(
                "says", "We need this live before Q3",
                "thinks", "Another vendor that will overpromise",
                "does", "Compares three quotes in a spreadsheet",
                "feels", "Under pressure from the CFO",
                "pains", "Manual reconciliation every month",
                "gains", "Close the books two days earlier");
        Map<String, Object> body = Map.of("name", "Globex " + unique(), "relationshipLevel", "PROBLEM_SOLVER",
                "persona", "Head of finance operations, pragmatic, data-driven", "empathy", empathy);

        long id = rep.api().body(body).post(customersOf(team.id())).then().statusCode(201)
                .extract().jsonPath().getLong("id");

        JsonPath read = rep.api().get("/api/customers/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("relationshipLevel")).isEqualTo("PROBLEM_SOLVER");
        assertThat(read.getString("persona")).isEqualTo(body.get("persona"));
        assertThat(read.getMap("empathy")).containsAllEntriesOf(empathy);
    }

    @Test
    void listIsOrderedByNameAndFilteredByQ() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        String tag = unique();
        team.customer(rep, "Zeta Corp " + tag);
        team.customer(rep, "alpha industries " + tag);
        team.customer(rep, "Midway Ltd " + tag);

        String body = rep.api().get(customersOf(team.id())).then().statusCode(200).extract().asString();
        assertThat(body.strip()).startsWith("[");
        assertThat(JsonPath.from(body).getList("name", String.class)).containsExactly(
                "alpha industries " + tag, "Midway Ltd " + tag, "Zeta Corp " + tag);

        assertThat(rep.api().queryParam("q", "MIDWAY").get(customersOf(team.id())).then().statusCode(200)
                .extract().jsonPath().getList("name", String.class)).containsExactly("Midway Ltd " + tag);
        assertThat(rep.api().queryParam("q", "no such customer").get(customersOf(team.id())).then()
                .statusCode(200).extract().jsonPath().getList("$")).isEmpty();
        // LIKE wildcards in q are taken literally.
        assertThat(rep.api().queryParam("q", "%").get(customersOf(team.id())).then().statusCode(200)
                .extract().jsonPath().getList("$")).isEmpty();
    }

    @Test
    void getSendsETag() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        Person viewer = team.member("VIEWER");
        long id = team.customer(rep, "Initech " + unique());

        Response response = viewer.api().get("/api/customers/" + id);
        response.then().statusCode(200).body("id", equalTo((int) id));
        assertThat(response.header("ETag")).isEqualTo("\"" + response.jsonPath().getLong("version") + "\"");
    }

    @Test
    void patchRaisesTheRelationshipLevel() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        long id = team.customer(rep, "Umbrella " + unique());
        long version = rep.api().get("/api/customers/" + id).then().statusCode(200).extract().jsonPath()
                .getLong("version");

        Response patched = rep.api().body(Map.of("version", version, "relationshipLevel", "PARTNER"))
                .patch("/api/customers/" + id);
        patched.then().statusCode(200).body("relationshipLevel", equalTo("PARTNER"));
        assertThat(patched.jsonPath().getLong("version")).isGreaterThan(version);

        rep.api().get("/api/customers/" + id).then().statusCode(200).body("relationshipLevel", equalTo("PARTNER"));
    }

    @Test
    void patchWithIfMatchRenames() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        long id = team.customer(rep, "Hooli " + unique());
        String etag = rep.api().get("/api/customers/" + id).then().statusCode(200).extract().header("ETag");
        String name = "Hooli XYZ " + unique();

        rep.api().header("If-Match", etag).body(Map.of("name", name)).patch("/api/customers/" + id)
                .then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void stalePatchIsAConflictCarryingTheCurrentCustomer() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        long id = team.customer(rep, "Stark " + unique());
        long version = rep.api().get("/api/customers/" + id).then().statusCode(200).extract().jsonPath()
                .getLong("version");
        long current = rep.api().body(Map.of("version", version, "relationshipLevel", "PROBLEM_SOLVER"))
                .patch("/api/customers/" + id).then().statusCode(200).extract().jsonPath().getLong("version");

        problem(rep.api().body(Map.of("version", version, "relationshipLevel", "PARTNER"))
                .patch("/api/customers/" + id), 409, "/problems/stale-version")
                .body("current.id", equalTo((int) id))
                .body("current.relationshipLevel", equalTo("PROBLEM_SOLVER"))
                .body("current.version", equalTo((int) current));
        rep.api().get("/api/customers/" + id).then().body("relationshipLevel", equalTo("PROBLEM_SOLVER"));
    }

    @Test
    void nameOverTwoHundredCharactersIsRejected() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        String tooLong = "n".repeat(201);

        problem(rep.api().body(Map.of("name", tooLong)).post(customersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("name"));
        problem(rep.api().body(Map.of("name", " ")).post(customersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("name"));

        long id = team.customer(rep, "Wayne " + unique());
        long version = rep.api().get("/api/customers/" + id).then().extract().jsonPath().getLong("version");
        problem(rep.api().body(Map.of("version", version, "name", tooLong)).patch("/api/customers/" + id),
                400, "/problems/validation")
                .body("errors.field", hasItem("name"));
    }

    @Test
    void unknownRelationshipLevelIsRejected() {
        var team = Fixture.team();
        Person rep = team.member("REP");

        problem(rep.api().body(Map.of("name", "Odd " + unique(), "relationshipLevel", "BEST_FRIEND"))
                .post(customersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("relationshipLevel"));
    }

    @Test
    void anotherTeamsCustomerIsNotFound() {
        var mine = Fixture.team();
        var other = Fixture.team();
        Person me = mine.member("LEADER");
        Person them = other.member("REP");
        long theirs = other.customer(them, "Secret " + unique());

        problem(me.api().get("/api/customers/" + theirs), 404, "/problems/not-found");
        problem(me.api().body(Map.of("version", 0, "name", "Mine now")).patch("/api/customers/" + theirs),
                404, "/problems/not-found");
        problem(me.api().get(customersOf(other.id())), 404, "/problems/not-found");
        problem(me.api().body(Map.of("name", "Planted " + unique())).post(customersOf(other.id())),
                404, "/problems/not-found");
        problem(me.api().get("/api/customers/" + Long.MAX_VALUE), 404, "/problems/not-found");
    }

    @Test
    void touchpointsAreLoggedAndListedNewestFirst() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Renewal " + unique());
        Instant now = Instant.now();
        String twoHoursAgo = now.minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String oneHourAgo = now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        Response first = rep.api().body(Map.of("channel", "CALL", "note", "Discovery call", "at", oneHourAgo))
                .post(touchpointsOf(cardId));
        first.then().statusCode(201)
                .body("cardId", equalTo((int) cardId))
                .body("channel", equalTo("CALL"))
                .body("note", equalTo("Discovery call"))
                .body("memberId", equalTo((int) rep.memberId()));
        assertThat(Instant.parse(first.jsonPath().getString("at"))).isEqualTo(Instant.parse(oneHourAgo));
        assertThat(first.header("Location")).contains(touchpointsOf(cardId));

        long older = rep.api().body(Map.of("channel", "EMAIL", "note", "Sent the deck", "at", twoHoursAgo))
                .post(touchpointsOf(cardId)).then().statusCode(201).extract().jsonPath().getLong("id");
        Response latest = rep.api().body(Map.of("channel", "MEETING", "note", "On site")).post(touchpointsOf(cardId));
        latest.then().statusCode(201).body("at", notNullValue());
        assertThat(Instant.parse(latest.jsonPath().getString("at"))).isAfter(Instant.parse(oneHourAgo));

        String body = rep.api().get(touchpointsOf(cardId)).then().statusCode(200).extract().asString();
        assertThat(body.strip()).startsWith("[");
        List<Long> ids = JsonPath.from(body).getList("id", Long.class);
        assertThat(ids).containsExactly(latest.jsonPath().getLong("id"), first.jsonPath().getLong("id"), older);
        assertThat(JsonPath.from(body).getList("channel", String.class)).containsExactly("MEETING", "CALL", "EMAIL");
    }

    @Test
    void invalidChannelIsRejected() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Deal " + unique());

        problem(leader.api().body(Map.of("channel", "CARRIER_PIGEON", "note", "coo")).post(touchpointsOf(cardId)),
                400, "/problems/validation")
                .body("errors.field", hasItem("channel"));
        problem(leader.api().body(Map.of("note", "no channel")).post(touchpointsOf(cardId)),
                400, "/problems/validation")
                .body("errors.field", hasItem("channel"));
        assertThat(leader.api().get(touchpointsOf(cardId)).then().statusCode(200).extract().jsonPath().getList("$"))
                .isEmpty();
    }

    @Test
    void viewerMayReadButNotLogTouchpoints() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        Person viewer = team.member("VIEWER");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Deal " + unique());
        long logged = leader.api().body(Map.of("channel", "CHAT", "note", "Pinged on chat"))
                .post(touchpointsOf(cardId)).then().statusCode(201).extract().jsonPath().getLong("id");

        problem(viewer.api().body(Map.of("channel", "CALL", "note", "Not mine to log")).post(touchpointsOf(cardId)),
                403, "/problems/forbidden");
        assertThat(viewer.api().get(touchpointsOf(cardId)).then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).containsExactly(logged);
    }

    @Test
    void touchpointInTheFutureIsRejected() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Deal " + unique());
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        problem(leader.api().body(Map.of("channel", "CALL", "note", "Time travel", "at", tomorrow))
                .post(touchpointsOf(cardId)), 400, "/problems/validation")
                .body("errors.field", hasItem("at"));
        assertThat(leader.api().get(touchpointsOf(cardId)).then().statusCode(200).extract().jsonPath().getList("$"))
                .isEmpty();
    }

    @Test
    void touchpointNoteOverTenThousandCharactersIsRejected() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Deal " + unique());

        problem(leader.api().body(Map.of("channel", "CALL", "note", "x".repeat(10_001))).post(touchpointsOf(cardId)),
                400, "/problems/validation")
                .body("errors.field", hasItem("note"));
    }

    @Test
    void anotherTeamsCardTouchpointsAreNotFound() {
        var mine = Fixture.team();
        var other = Fixture.team();
        Person me = mine.member("LEADER");
        Person theirLeader = other.member("LEADER");
        var board = other.board(theirLeader, "SALES");
        long cardId = Fixture.cardId(theirLeader, board.id(), board.column(0), "Theirs " + unique());

        problem(me.api().get(touchpointsOf(cardId)), 404, "/problems/not-found");
        Map<String, Object> body = new HashMap<>(Map.of("channel", "CALL", "note", "Snooping"));
        problem(me.api().body(body).post(touchpointsOf(cardId)), 404, "/problems/not-found");
    }
}
