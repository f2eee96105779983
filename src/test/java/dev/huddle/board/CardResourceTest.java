package dev.huddle.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.huddle.Fixture;
import dev.huddle.Fixture.BoardFixture;
import dev.huddle.Fixture.Person;
import dev.huddle.Fixture.TeamFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cards through the HTTP API: create, edit, move, WIP limits, block, close, recycle, history, search (SPEC §2–§4, §7). */
@QuarkusTest
class CardResourceTest {
    private static final JsonPathConfig EXACT_NUMBERS = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    // ---- create and read ---------------------------------------------------------------------------------------

    @Test
    void newCardGoesToTheBottomOfTheFirstColumnOwnedByTheCaller() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");

        long first = createCard(rep, board, Map.of("title", "First deal")).jsonPath().getLong("id");
        Response second = createCard(rep, board, Map.of("title", "  Second deal  "));
        long secondId = second.jsonPath().getLong("id");

        assertThat(second.header("Location")).endsWith("/api/cards/" + secondId);
        second.then().body("boardId", equalTo((int) board.id()))
                .body("columnId", equalTo((int) board.column(0)))
                .body("title", equalTo("Second deal"))
                .body("ownerId", equalTo((int) rep.memberId()))
                .body("classOfService", equalTo("STANDARD"))
                .body("source", equalTo("DIRECT"))
                .body("outcome", equalTo("OPEN"))
                .body("blockedReason", nullValue())
                .body("rank", notNullValue())
                .body("version", notNullValue())
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("columnEnteredAt", notNullValue());
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).containsExactly(first, secondId);
    }

    @Test
    void newCardGoesToTheBottomOfTheGivenColumn() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long existing = Fixture.cardId(rep, board.id(), board.column(2), "Already buying");

        long card = createCard(rep, board, Map.of("title", "Also buying", "columnId", board.column(2)))
                .then().body("columnId", equalTo((int) board.column(2))).extract().jsonPath().getLong("id");

        assertThat(Fixture.columnOrder(rep, board.id(), board.column(2))).containsExactly(existing, card);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).isEmpty();
    }

    @Test
    void cardFieldsRoundTrip() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        Person farmer = team.member("REP", "FARMER");
        BoardFixture board = team.board("SALES");
        long customer = team.customer(rep, "Acme " + Fixture.unique());
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Acme expansion");
        body.put("description", "Three more sites");
        body.put("ownerId", farmer.memberId());
        body.put("farmerId", farmer.memberId());
        body.put("customerId", customer);
        body.put("value", new BigDecimal("9876543.21"));
        body.put("estimate", new BigDecimal("3.5"));
        body.put("dueDate", "2031-03-15");
        body.put("classOfService", "FIXED_DATE");
        body.put("source", "REFERRAL");
        body.put("referredBy", "Jane at Globex");
        body.put("tags", List.of("expansion", "q3"));
        body.put("whys", List.of("Sites are growing", "They hired ops staff"));

        Response created = createCard(rep, board, body);
        long card = created.jsonPath().getLong("id");
        for (JsonPath json : List.of(created.jsonPath(EXACT_NUMBERS), getCard(rep, card))) {
            assertThat(json.getString("title")).isEqualTo("Acme expansion");
            assertThat(json.getString("description")).isEqualTo("Three more sites");
            assertThat(json.getLong("ownerId")).isEqualTo(farmer.memberId());
            assertThat(json.getLong("farmerId")).isEqualTo(farmer.memberId());
            assertThat(json.getLong("customerId")).isEqualTo(customer);
            assertThat((BigDecimal) json.get("value")).isEqualByComparingTo("9876543.21");
            assertThat((BigDecimal) json.get("estimate")).isEqualByComparingTo("3.5");
            assertThat(json.getString("dueDate")).isEqualTo("2031-03-15");
            assertThat(json.getString("classOfService")).isEqualTo("FIXED_DATE");
            assertThat(json.getString("source")).isEqualTo("REFERRAL");
            assertThat(json.getString("referredBy")).isEqualTo("Jane at Globex");
            assertThat(json.getList("tags", String.class)).containsExactly("expansion", "q3");
            assertThat(json.getList("whys", String.class)).containsExactly("Sites are growing", "They hired ops staff");
        }
    }

    @Test
    void invalidCardsAreRefused() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        Person outsider = Fixture.team().member("REP");
        String cards = "/api/boards/" + board.id() + "/cards";

        rep.api().body(Map.of("title", "Poached", "ownerId", outsider.memberId())).post(cards)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem("ownerId"));
        rep.api().body(Map.of("title", "Sub-cent", "value", new BigDecimal("10.123"))).post(cards)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().body(Map.of("title", "Negative", "value", -1)).post(cards)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().body(Map.of("title", " ")).post(cards)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().body(Map.of("title", "x".repeat(201))).post(cards)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().body(Map.of("title", "Odd class", "classOfService", "URGENT")).post(cards)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));

        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).isEmpty();
    }

    @Test
    void getSendsTheVersionAsEtag() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");

        Response get = rep.api().get("/api/cards/" + card);
        get.then().statusCode(200).body("id", equalTo((int) card)).body("title", equalTo("Deal"));
        assertThat(get.header("ETag")).isEqualTo("\"" + get.jsonPath().getLong("version") + "\"");
    }

    // ---- edit --------------------------------------------------------------------------------------------------

    @Test
    void patchChangesWhatIsSentKeepsWhatIsLeftOutAndClearsExplicitNulls() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        JsonPath created = createCard(rep, board, Map.of("title", "Deal", "description", "Notes", "dueDate",
                "2031-01-31", "value", 10, "tags", List.of("old"), "classOfService", "EXPEDITE")).jsonPath();
        long card = created.getLong("id");
        long version = created.getLong("version");
        String enteredAt = created.getString("columnEnteredAt");

        Response patched = rep.api().body(Map.of("version", version, "title", "Bigger deal",
                "value", new BigDecimal("2500.50"), "tags", List.of("renewal", "q4"))).patch("/api/cards/" + card);
        patched.then().statusCode(200)
                .body("title", equalTo("Bigger deal"))
                .body("tags", equalTo(List.of("renewal", "q4")))
                .body("description", equalTo("Notes"))
                .body("dueDate", equalTo("2031-01-31"))
                .body("ownerId", equalTo((int) rep.memberId()))
                .body("classOfService", equalTo("EXPEDITE"))
                .body("columnEnteredAt", equalTo(enteredAt))
                .body("version", equalTo((int) version + 1));
        assertThat((BigDecimal) patched.jsonPath(EXACT_NUMBERS).get("value")).isEqualByComparingTo("2500.50");

        // If-Match carries the version; explicit nulls clear.
        Map<String, Object> clear = new HashMap<>();
        clear.put("description", null);
        clear.put("dueDate", null);
        clear.put("ownerId", null);
        String etag = rep.api().get("/api/cards/" + card).header("ETag");
        rep.api().header("If-Match", etag).body(clear).patch("/api/cards/" + card)
                .then().statusCode(200)
                .body("description", nullValue())
                .body("dueDate", nullValue())
                .body("ownerId", nullValue())
                .body("title", equalTo("Bigger deal"))
                .body("version", equalTo((int) version + 2));

        JsonPath now = getCard(rep, card);
        assertThat(now.getString("description")).isNull();
        assertThat(now.getString("dueDate")).isNull();
        assertThat(now.<Object>get("ownerId")).isNull();
        assertThat(now.getString("title")).isEqualTo("Bigger deal");
        assertThat(now.getList("tags", String.class)).containsExactly("renewal", "q4");
        assertThat(now.getString("columnEnteredAt")).isEqualTo(enteredAt);
    }

    @Test
    void stalePatchIsRefusedWithTheCurrentCard() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        Person other = team.member("REP");
        BoardFixture board = team.board("SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");
        long version = Fixture.version(rep, card);
        other.api().body(Map.of("version", version, "title", "Renamed by a colleague")).patch("/api/cards/" + card)
                .then().statusCode(200);

        rep.api().body(Map.of("version", version, "title", "My name")).patch("/api/cards/" + card)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/stale-version"))
                .body("current.id", equalTo((int) card))
                .body("current.title", equalTo("Renamed by a colleague"))
                .body("current.version", equalTo((int) version + 1));
        rep.api().header("If-Match", "\"" + version + "\"").body(Map.of("title", "My name"))
                .patch("/api/cards/" + card)
                .then().statusCode(409).body("type", equalTo("/problems/stale-version"));
        assertThat(getCard(rep, card).getString("title")).isEqualTo("Renamed by a colleague");
    }

    // ---- move --------------------------------------------------------------------------------------------------

    @Test
    void movingToAnotherColumnRestartsTheColumnClock() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        JsonPath created = createCard(rep, board, Map.of("title", "Deal")).jsonPath();
        long card = created.getLong("id");
        long version = created.getLong("version");
        Instant entered = Instant.parse(created.getString("columnEnteredAt"));

        JsonPath moved = rep.api().body(Map.of("version", version, "toColumnId", board.column(1)))
                .post("/api/cards/" + card + "/move").then().statusCode(200).extract().jsonPath();
        assertThat(moved.getLong("columnId")).isEqualTo(board.column(1));
        assertThat(moved.getLong("version")).isEqualTo(version + 1);
        assertThat(Instant.parse(moved.getString("columnEnteredAt"))).isAfter(entered);

        JsonPath stored = getCard(rep, card);
        assertThat(stored.getLong("columnId")).isEqualTo(board.column(1));
        assertThat(stored.getString("columnEnteredAt")).isEqualTo(moved.getString("columnEnteredAt"));
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(1))).containsExactly(card);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).isEmpty();

        rep.api().body(Map.of("version", version, "toColumnId", board.column(2)))
                .post("/api/cards/" + card + "/move")
                .then().statusCode(409).body("type", equalTo("/problems/stale-version"))
                .body("current.columnId", equalTo((int) board.column(1)));
    }

    @Test
    void reorderingWithinAndAcrossColumnsFollowsBeforeAndAfter() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long col = board.column(0);
        long a = Fixture.cardId(rep, board.id(), col, "A");
        long b = Fixture.cardId(rep, board.id(), col, "B");
        long c = Fixture.cardId(rep, board.id(), col, "C");
        long d = Fixture.cardId(rep, board.id(), board.column(1), "D");
        String enteredAt = getCard(rep, c).getString("columnEnteredAt");

        Fixture.move(rep, c, Map.of("toColumnId", col, "beforeCardId", a)).then().statusCode(200);
        assertThat(Fixture.columnOrder(rep, board.id(), col)).containsExactly(c, a, b);
        assertThat(getCard(rep, c).getString("columnEnteredAt")).as("reordering keeps the age").isEqualTo(enteredAt);

        Fixture.move(rep, c, Map.of("toColumnId", col, "afterCardId", a)).then().statusCode(200);
        assertThat(Fixture.columnOrder(rep, board.id(), col)).containsExactly(a, c, b);

        Fixture.move(rep, a, Map.of("toColumnId", col, "afterCardId", b)).then().statusCode(200);
        assertThat(Fixture.columnOrder(rep, board.id(), col)).containsExactly(c, b, a);

        Fixture.move(rep, d, Map.of("toColumnId", col, "beforeCardId", b)).then().statusCode(200);
        assertThat(Fixture.columnOrder(rep, board.id(), col)).containsExactly(c, d, b, a);

        Fixture.move(rep, b, Map.of("toColumnId", col)).then().statusCode(200);
        assertThat(Fixture.columnOrder(rep, board.id(), col)).containsExactly(c, d, a, b);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(1))).isEmpty();
    }

    @Test
    void invalidMovesAreRefused() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        BoardFixture otherBoard = team.board(leader, "SALES");
        long a = Fixture.cardId(rep, board.id(), board.column(0), "A");
        long b = Fixture.cardId(rep, board.id(), board.column(0), "B");
        long elsewhere = Fixture.cardId(rep, board.id(), board.column(1), "Elsewhere");

        Fixture.move(rep, a, Map.of("toColumnId", board.column(0), "beforeCardId", elsewhere))
                .then().statusCode(400).body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem("beforeCardId"));
        Fixture.move(rep, a, Map.of("toColumnId", board.column(0), "beforeCardId", b, "afterCardId", b))
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        Fixture.move(rep, a, Map.of("toColumnId", otherBoard.column(1)))
                .then().statusCode(400).body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem("toColumnId"));
        Fixture.move(rep, a, Map.of("toColumnId", Long.MAX_VALUE))
                .then().statusCode(400).body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem("toColumnId"));
        Fixture.move(rep, a, Map.of())
                .then().statusCode(400).body("type", equalTo("/problems/validation"));

        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).containsExactly(a, b);
        assertThat(Fixture.columnOrder(leader, otherBoard.id(), otherBoard.column(1))).isEmpty();
    }

    // ---- WIP limits --------------------------------------------------------------------------------------------

    @Test
    void fullColumnRefusesARepAndAdmitsALeaderWithAReason() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long research = board.column(1);
        Fixture.wipLimit(leader, board, 1, 1);
        long inside = Fixture.cardId(rep, board.id(), research, "Inside");
        long waiting = Fixture.cardId(rep, board.id(), board.column(0), "Waiting");

        Fixture.move(rep, waiting, Map.of("toColumnId", research))
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/wip-limit-exceeded"))
                .body("detail", matchesPattern("(?is).*limit\\D{0,20}\\b1\\b.*"));
        Fixture.move(rep, waiting, Map.of("toColumnId", research, "overrideWip", true, "overrideReason", "Hot lead"))
                .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        Fixture.move(leader, waiting, Map.of("toColumnId", research, "overrideWip", true))
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        Fixture.move(leader, waiting, Map.of("toColumnId", research, "overrideWip", true, "overrideReason", "  "))
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().body(Map.of("title", "Straight in", "columnId", research)).post("/api/boards/" + board.id() + "/cards")
                .then().statusCode(409).body("type", equalTo("/problems/wip-limit-exceeded"));
        assertThat(Fixture.columnOrder(rep, board.id(), research)).containsExactly(inside);

        Fixture.move(leader, waiting, Map.of("toColumnId", research, "overrideWip", true,
                        "overrideReason", "CEO asked for it"))
                .then().statusCode(200).body("columnId", equalTo((int) research));
        assertThat(Fixture.columnOrder(rep, board.id(), research)).containsExactly(inside, waiting);

        List<Map<String, Object>> history = history(rep, waiting);
        Map<String, Object> moved = history.get(history.size() - 1);
        assertThat(moved.get("type")).isEqualTo("card.moved");
        JsonPath data = JsonPath.from(rep.api().get("/api/cards/" + waiting + "/history").asString())
                .setRootPath("find { it.type == 'card.moved' }.data");
        assertThat(data.getString("wipOverride.reason")).isEqualTo("CEO asked for it");
        assertThat(data.getLong("card.columnId")).isEqualTo(research);

        // Reordering inside a full column is not entering it.
        Fixture.move(rep, waiting, Map.of("toColumnId", research, "beforeCardId", inside)).then().statusCode(200);
        assertThat(Fixture.columnOrder(rep, board.id(), research)).containsExactly(waiting, inside);
    }

    // ---- block -------------------------------------------------------------------------------------------------

    @Test
    void blockNeedsAReasonAndUnblockTracksTheTime() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");
        long version = Fixture.version(rep, card);

        rep.api().body(Map.of("version", version)).post("/api/cards/" + card + "/block")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().body(Map.of("version", version, "reason", " ")).post("/api/cards/" + card + "/block")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        assertThat(getCard(rep, card).getString("blockedReason")).isNull();

        rep.api().body(Map.of("version", version, "reason", "Waiting for legal")).post("/api/cards/" + card + "/block")
                .then().statusCode(200)
                .body("blockedReason", equalTo("Waiting for legal"))
                .body("blockedSince", notNullValue())
                .body("version", equalTo((int) version + 1));
        assertThat(getCard(rep, card).getString("blockedReason")).isEqualTo("Waiting for legal");

        rep.api().body(Map.of("version", version + 1)).post("/api/cards/" + card + "/unblock")
                .then().statusCode(200)
                .body("blockedReason", nullValue())
                .body("blockedSince", nullValue())
                .body("blockedSeconds", greaterThanOrEqualTo(0))
                .body("version", equalTo((int) version + 2));

        rep.api().body(Map.of("version", version + 2)).post("/api/cards/" + card + "/unblock")
                .then().statusCode(409).body("type", equalTo("/problems/conflict"));
    }

    // ---- close, reopen, recycle --------------------------------------------------------------------------------

    @Test
    void closedCardLeavesTheBoardAndComesBackAtTheBottomOnReopen() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long col = board.column(0);
        long card = Fixture.cardId(rep, board.id(), col, "Deal");

        rep.api().body(Map.of("version", Fixture.version(rep, card), "outcome", "WON", "note", "Signed"))
                .post("/api/cards/" + card + "/close")
                .then().statusCode(200).body("outcome", equalTo("WON")).body("closedAt", notNullValue());
        assertThat(Fixture.columnOrder(rep, board.id(), col)).doesNotContain(card);
        JsonPath closed = getCard(rep, card);
        assertThat(closed.getString("outcome")).isEqualTo("WON");
        assertThat(closed.getString("closedAt")).isNotNull();

        Fixture.move(rep, card, Map.of("toColumnId", board.column(1)))
                .then().statusCode(409).body("type", equalTo("/problems/conflict"));
        rep.api().body(Map.of("version", Fixture.version(rep, card), "outcome", "LOST"))
                .post("/api/cards/" + card + "/close")
                .then().statusCode(409).body("type", equalTo("/problems/conflict"));

        long later = Fixture.cardId(rep, board.id(), col, "Later");
        long latest = Fixture.cardId(rep, board.id(), col, "Latest");
        rep.api().body(Map.of("version", Fixture.version(rep, card))).post("/api/cards/" + card + "/reopen")
                .then().statusCode(200).body("outcome", equalTo("OPEN")).body("closedAt", nullValue())
                .body("columnId", equalTo((int) col));
        assertThat(Fixture.columnOrder(rep, board.id(), col)).containsExactly(later, latest, card);
    }

    @Test
    void salesCardsCannotBeClosedAsDone() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");

        rep.api().body(Map.of("version", Fixture.version(rep, card), "outcome", "DONE"))
                .post("/api/cards/" + card + "/close")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().body(Map.of("version", Fixture.version(rep, card))).post("/api/cards/" + card + "/close")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        assertThat(getCard(rep, card).getString("outcome")).isEqualTo("OPEN");
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).containsExactly(card);
    }

    @Test
    void devotedCardRecyclesIntoANewOpportunityForTheSameCustomer() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long customer = team.customer(rep, "Acme " + Fixture.unique());
        long card = createCard(rep, board, Map.of("title", "Acme pilot", "customerId", customer))
                .jsonPath().getLong("id");
        Fixture.move(rep, card, Map.of("toColumnId", board.column(4))).then().statusCode(200);

        Response recycled = rep.api().post("/api/cards/" + card + "/recycle");
        recycled.then().statusCode(201)
                .body("columnId", equalTo((int) board.column(0)))
                .body("previousCardId", equalTo((int) card))
                .body("customerId", equalTo((int) customer))
                .body("outcome", equalTo("OPEN"))
                .body("id", not(equalTo((int) card)));
        long next = recycled.jsonPath().getLong("id");
        assertThat(recycled.header("Location")).endsWith("/api/cards/" + next);
        assertThat(getCard(rep, next).getLong("previousCardId")).isEqualTo(card);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).containsExactly(next);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(4))).containsExactly(card);
    }

    @Test
    void onlyDevotedSalesCardsRecycle() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture sales = team.board(leader, "SALES");
        BoardFixture improvement = team.board(leader, "IMPROVEMENT");
        long discovery = Fixture.cardId(rep, sales.id(), sales.column(0), "Early");
        long idea = Fixture.cardId(rep, improvement.id(), improvement.column(4), "Adopted idea");

        rep.api().post("/api/cards/" + discovery + "/recycle")
                .then().statusCode(409).body("type", equalTo("/problems/conflict"));
        rep.api().post("/api/cards/" + idea + "/recycle")
                .then().statusCode(409).body("type", equalTo("/problems/conflict"));
        assertThat(Fixture.columnOrder(rep, sales.id(), sales.column(0))).containsExactly(discovery);
        assertThat(Fixture.columnOrder(rep, improvement.id(), improvement.column(0))).isEmpty();
    }

    // ---- history -----------------------------------------------------------------------------------------------

    @Test
    void historyRecordsEveryChangeWithTheCardAfterIt() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        List<Map<String, Object>> responses = new ArrayList<>();
        Response created = createCard(rep, board, Map.of("title", "Deal", "tags", List.of("a")));
        long card = created.jsonPath().getLong("id");
        responses.add(created.jsonPath().getMap(""));
        responses.add(action(rep, card, "move", Map.of("toColumnId", board.column(1))));
        responses.add(patchCard(rep, card, Map.of("title", "Bigger deal")));
        responses.add(action(rep, card, "block", Map.of("reason", "Legal review")));
        responses.add(action(rep, card, "unblock", Map.of()));
        responses.add(action(rep, card, "close", Map.of("outcome", "LOST")));
        responses.add(action(rep, card, "reopen", Map.of()));

        List<Map<String, Object>> history = history(rep, card);
        assertThat(history).extracting(e -> e.get("type")).containsExactly("card.created", "card.moved",
                "card.updated", "card.blocked", "card.unblocked", "card.closed", "card.reopened");
        List<Long> seqs = history.stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < history.size(); i++) {
            Map<String, Object> event = history.get(i);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            @SuppressWarnings("unchecked")
            Map<String, Object> eventCard = (Map<String, Object>) data.get("card");
            assertThat(((Number) event.get("cardId")).longValue()).isEqualTo(card);
            assertThat(event.get("actor")).isEqualTo(rep.username());
            assertThat(event.get("at")).isNotNull();
            assertThat(eventCard.get("version")).as("version in %s", event.get("type"))
                    .isEqualTo(responses.get(i).get("version"));
            assertThat(eventCard).as("card in %s", event.get("type")).isEqualTo(responses.get(i));
        }
    }

    // ---- search ------------------------------------------------------------------------------------------------

    @Test
    void searchFiltersByTextOwnerTagBlockedAndOutcome() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        Person other = team.member("REP");
        BoardFixture board = team.board("SALES");
        long acme = createCard(rep, board, Map.of("title", "Acme renewal", "tags", List.of("renewal")))
                .jsonPath().getLong("id");
        long acmeUpsell = createCard(rep, board, Map.of("title", "Upsell to ACME", "ownerId", other.memberId()))
                .jsonPath().getLong("id");
        long globex = createCard(rep, board, Map.of("title", "Globex pilot", "tags", List.of("pilot", "renewal-risk")))
                .jsonPath().getLong("id");
        long won = createCard(rep, board, Map.of("title", "Initech deal")).jsonPath().getLong("id");
        action(rep, globex, "block", Map.of("reason", "Budget freeze"));
        action(rep, won, "close", Map.of("outcome", "WON"));
        String search = "/api/boards/" + board.id() + "/cards";

        assertThat(ids(rep.api().queryParam("q", "aCmE").get(search))).containsExactlyInAnyOrder(acme, acmeUpsell);
        assertThat(ids(rep.api().queryParam("ownerId", other.memberId()).get(search))).containsExactly(acmeUpsell);
        assertThat(ids(rep.api().queryParam("tag", "renewal").get(search))).containsExactly(acme);
        assertThat(ids(rep.api().queryParam("blocked", "true").get(search))).containsExactly(globex);
        assertThat(ids(rep.api().queryParam("blocked", "false").get(search)))
                .containsExactlyInAnyOrder(acme, acmeUpsell, won);
        assertThat(ids(rep.api().queryParam("outcome", "WON").get(search))).containsExactly(won);
        assertThat(ids(rep.api().get(search))).containsExactlyInAnyOrder(acme, acmeUpsell, globex, won);
        assertThat(ids(rep.api().queryParam("limit", 2).get(search))).hasSize(2)
                .isSubsetOf(acme, acmeUpsell, globex, won);
        assertThat(ids(rep.api().queryParam("q", "acme").queryParam("ownerId", rep.memberId()).get(search)))
                .containsExactly(acme);

        rep.api().queryParam("blocked", "maybe").get(search)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        rep.api().queryParam("limit", 1001).get(search)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
    }

    // ---- roles and teams ---------------------------------------------------------------------------------------

    @Test
    void viewerAndCoachReadCardsButCannotChangeThem() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");
        long version = Fixture.version(rep, card);

        for (String role : List.of("VIEWER", "COACH")) {
            Person reader = team.member(role);
            reader.api().get("/api/cards/" + card).then().statusCode(200).body("title", equalTo("Deal"));
            reader.api().get("/api/cards/" + card + "/history").then().statusCode(200)
                    .body("type", hasItem("card.created"));
            reader.api().get("/api/boards/" + board.id() + "/cards").then().statusCode(200)
                    .body("id", hasItem((int) card));
            reader.api().body(Map.of("title", role + " card")).post("/api/boards/" + board.id() + "/cards")
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
            reader.api().body(Map.of("version", version, "toColumnId", board.column(1)))
                    .post("/api/cards/" + card + "/move")
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
            reader.api().body(Map.of("version", version, "title", "Hijacked")).patch("/api/cards/" + card)
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
            reader.api().body(Map.of("version", version, "reason", "Because")).post("/api/cards/" + card + "/block")
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        }
        JsonPath now = getCard(rep, card);
        assertThat(now.getString("title")).isEqualTo("Deal");
        assertThat(now.getLong("columnId")).isEqualTo(board.column(0));
        assertThat(now.getLong("version")).isEqualTo(version);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).containsExactly(card);
    }

    @Test
    void anotherTeamsCardIsNotFound() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Secret deal");
        long version = Fixture.version(rep, card);
        Person stranger = Fixture.team().member("LEADER");

        List<Response> responses = List.of(
                stranger.api().get("/api/cards/" + card),
                stranger.api().get("/api/cards/" + card + "/history"),
                stranger.api().body(Map.of("version", version, "title", "Mine")).patch("/api/cards/" + card),
                stranger.api().body(Map.of("version", version, "toColumnId", board.column(1)))
                        .post("/api/cards/" + card + "/move"),
                stranger.api().body(Map.of("version", version, "reason", "x")).post("/api/cards/" + card + "/block"),
                stranger.api().body(Map.of("version", version, "outcome", "LOST")).post("/api/cards/" + card + "/close"),
                stranger.api().post("/api/cards/" + card + "/recycle"));
        for (Response response : responses) {
            response.then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("/problems/not-found"));
        }
        JsonPath now = getCard(rep, card);
        assertThat(now.getString("title")).isEqualTo("Secret deal");
        assertThat(now.getString("outcome")).isEqualTo("OPEN");
        assertThat(now.getLong("version")).isEqualTo(version);
    }

    @Test
    void anAdministratorOutsideTheTeamMayWorkOnItsCardsAndAMemberOfTwoTeamsKeepsEachRole() {
        TeamFixture team = Fixture.team();
        Person rep = team.member("REP");
        BoardFixture board = team.board("SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");
        long version = Fixture.version(rep, card);

        Fixture.admin().body(Map.of("version", version, "toColumnId", board.column(1)))
                .post("/api/cards/" + card + "/move")
                .then().statusCode(200).body("columnId", equalTo((int) board.column(1)));
        Fixture.admin().get("/api/cards/" + card + "/history").then().statusCode(200)
                .body("actor", hasItem(Fixture.ADMIN_USER));

        // The same user is a VIEWER in a second team: their REP role still counts on this team's cards only.
        TeamFixture other = Fixture.team();
        other.add(rep, "VIEWER");
        BoardFixture otherBoard = other.board("SALES");
        long otherCard = Fixture.cardId(other.member("REP"), otherBoard.id(), otherBoard.column(0), "Theirs");
        Fixture.move(rep, card, Map.of("toColumnId", board.column(0))).then().statusCode(200);
        rep.api().get("/api/cards/" + otherCard).then().statusCode(200);
        Fixture.move(rep, otherCard, Map.of("toColumnId", otherBoard.column(1)))
                .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Response createCard(Person who, BoardFixture board, Map<String, Object> body) {
        Response response = who.api().body(body).post("/api/boards/" + board.id() + "/cards");
        response.then().statusCode(201);
        return response;
    }

    private static JsonPath getCard(Person who, long cardId) {
        return who.api().get("/api/cards/" + cardId).then().statusCode(200).extract().jsonPath(EXACT_NUMBERS);
    }

    private static Map<String, Object> patchCard(Person who, long cardId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("version", Fixture.version(who, cardId));
        return who.api().body(body).patch("/api/cards/" + cardId).then().statusCode(200).extract().jsonPath()
                .getMap("");
    }

    /** A card action (move, block, unblock, close, reopen) with the current version; returns the card after it. */
    private static Map<String, Object> action(Person who, long cardId, String action, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("version", Fixture.version(who, cardId));
        return who.api().body(body).post("/api/cards/" + cardId + "/" + action).then().statusCode(200).extract()
                .jsonPath().getMap("");
    }

    private static List<Map<String, Object>> history(Person who, long cardId) {
        return who.api().get("/api/cards/" + cardId + "/history").then().statusCode(200).extract().jsonPath()
                .getList("");
    }

    private static List<Long> ids(Response response) {
        return response.then().statusCode(200).extract().jsonPath().getList("id", Long.class);
    }
}
