package dev.huddle.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.huddle.Fixture;
import dev.huddle.Fixture.BoardFixture;
import dev.huddle.Fixture.Person;
import dev.huddle.Fixture.TeamFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Boards and columns through the HTTP API (SPEC §2, §3, §4, §7). */
@QuarkusTest
class BoardResourceTest {

    // ---- creating boards ----------------------------------------------------------------------------------------

    @Test
    void leaderCreatesSalesBoardWithTheCustomerJourneyColumns() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");

        Response created = leader.api().body(Map.of("name", "Pipeline", "kind", "SALES"))
                .post("/api/teams/" + team.id() + "/boards");
        created.then().statusCode(201)
                .body("name", equalTo("Pipeline"))
                .body("kind", equalTo("SALES"))
                .body("teamId", equalTo((int) team.id()))
                .body("archived", equalTo(false));
        long boardId = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/boards/" + boardId);

        JsonPath snapshot = snapshot(leader, boardId);
        assertThat(snapshot.getList("columns.name", String.class))
                .containsExactly("Discovery", "Research", "Purchase", "Delivery", "Devotion");
        assertThat(snapshot.getList("columns.type", String.class))
                .containsExactly("ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "DONE");
        assertThat(snapshot.getList("columns.probability", Integer.class)).containsExactly(10, 25, 60, 90, 100);
        assertThat(snapshot.getList("columns.position", Integer.class)).containsExactly(0, 1, 2, 3, 4);
        assertThat(snapshot.getList("columns.policy", String.class)).hasSize(5).allSatisfy(p -> assertThat(p).isNotBlank());
        assertThat(snapshot.getList("columns.cardCount", Integer.class)).containsOnly(0);
        assertThat(snapshot.getList("columns.overLimit", Boolean.class)).containsOnly(false);
        assertThat(snapshot.getList("columns.wipLimit")).containsOnly((Object) null);
        assertThat(snapshot.getList("cards")).isEmpty();
    }

    @Test
    void improvementBoardHasThePdcaColumns() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "IMPROVEMENT");

        JsonPath snapshot = snapshot(leader, board.id());
        assertThat(snapshot.getString("board.kind")).isEqualTo("IMPROVEMENT");
        assertThat(snapshot.getList("columns.name", String.class)).containsExactly("Ideas", "Plan", "Do", "Check", "Act");
        assertThat(snapshot.getList("columns.type", String.class))
                .containsExactly("QUEUE", "ACTIVE", "ACTIVE", "ACTIVE", "DONE");
        assertThat(snapshot.getList("columns.policy", String.class)).allSatisfy(p -> assertThat(p).isNotBlank());
    }

    @Test
    void onlyALeaderCreatesBoards() {
        TeamFixture team = Fixture.team();
        for (String role : List.of("REP", "VIEWER", "COACH")) {
            Person person = team.member(role);
            person.api().body(Map.of("name", "Not mine", "kind", "SALES")).post("/api/teams/" + team.id() + "/boards")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("/problems/forbidden"));
        }
        Person leader = team.member("LEADER");
        leader.api().get("/api/teams/" + team.id() + "/boards").then().statusCode(200)
                .body("name", not(hasItem("Not mine")));
    }

    @Test
    void boardWithoutKindOrNameIsRefused() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        leader.api().body(Map.of("name", "No kind")).post("/api/teams/" + team.id() + "/boards")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("name", " ", "kind", "SALES")).post("/api/teams/" + team.id() + "/boards")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("name", "Odd kind", "kind", "SCRUM")).post("/api/teams/" + team.id() + "/boards")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
    }

    // ---- listing, renaming and archiving -----------------------------------------------------------------------

    @Test
    void listsTheTeamsBoardsByName() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person viewer = team.member("VIEWER");
        long beta = createBoard(leader, team, "Beta pipeline", "SALES");
        long alpha = createBoard(leader, team, "Alpha ideas", "IMPROVEMENT");

        JsonPath list = viewer.api().get("/api/teams/" + team.id() + "/boards").then().statusCode(200)
                .extract().jsonPath();
        assertThat(list.getList("id", Long.class)).containsExactly(alpha, beta);
        assertThat(list.getList("kind", String.class)).containsExactly("IMPROVEMENT", "SALES");

        // Another team's list does not show them.
        TeamFixture other = Fixture.team();
        other.member("LEADER").api().get("/api/teams/" + other.id() + "/boards").then().statusCode(200)
                .body("id", not(hasItem((int) alpha)));
    }

    @Test
    void leaderRenamesAndArchivesABoard() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        long keep = createBoard(leader, team, "Keep", "SALES");
        long boardId = createBoard(leader, team, "Old name", "SALES");
        long version = snapshot(leader, boardId).getLong("board.version");

        Response renamed = leader.api().body(Map.of("version", version, "name", "New name"))
                .patch("/api/boards/" + boardId);
        renamed.then().statusCode(200).body("name", equalTo("New name")).body("archived", equalTo(false))
                .body("version", equalTo((int) version + 1));
        assertThat(snapshot(leader, boardId).getString("board.name")).isEqualTo("New name");

        leader.api().body(Map.of("version", version + 1, "archived", true)).patch("/api/boards/" + boardId)
                .then().statusCode(200).body("archived", equalTo(true)).body("name", equalTo("New name"));

        leader.api().get("/api/teams/" + team.id() + "/boards").then().statusCode(200)
                .body("id", not(hasItem((int) boardId))).body("id", hasItem((int) keep));
        leader.api().get("/api/teams/" + team.id() + "/boards?archived=true").then().statusCode(200)
                .body("id", hasItem((int) boardId)).body("id", hasItem((int) keep))
                .body("find { it.id == " + boardId + " }.archived", equalTo(true));
        // Archived, not gone: the snapshot still opens.
        leader.api().get("/api/boards/" + boardId).then().statusCode(200).body("board.name", equalTo("New name"));
    }

    @Test
    void staleBoardVersionIsRefusedWithTheCurrentBoard() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        long boardId = createBoard(leader, team, "Board", "SALES");
        long version = snapshot(leader, boardId).getLong("board.version");
        leader.api().body(Map.of("version", version, "name", "First")).patch("/api/boards/" + boardId)
                .then().statusCode(200);

        leader.api().body(Map.of("version", version, "name", "Second")).patch("/api/boards/" + boardId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/stale-version"))
                .body("current.id", equalTo((int) boardId))
                .body("current.name", equalTo("First"))
                .body("current.version", equalTo((int) version + 1));
        assertThat(snapshot(leader, boardId).getString("board.name")).isEqualTo("First");
    }

    @Test
    void blankBoardNameIsRefusedOnRename() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        long boardId = createBoard(leader, team, "Pipeline", "SALES");
        long version = snapshot(leader, boardId).getLong("board.version");

        leader.api().body(Map.of("version", version, "name", "x".repeat(201))).patch("/api/boards/" + boardId)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("version", version, "name", "   ")).patch("/api/boards/" + boardId)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        assertThat(snapshot(leader, boardId).getString("board.name")).isEqualTo("Pipeline");
    }

    @Test
    void snapshotEtagIsTheBoardVersionAndWorksAsIfMatch() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");

        Response snapshot = leader.api().get("/api/boards/" + board.id());
        snapshot.then().statusCode(200).header("ETag", notNullValue());
        long version = snapshot.jsonPath().getLong("board.version");
        assertThat(snapshot.header("ETag")).isEqualTo("\"" + version + "\"");

        leader.api().header("If-Match", snapshot.header("ETag")).body(Map.of("name", "Via If-Match"))
                .patch("/api/boards/" + board.id())
                .then().statusCode(200).body("name", equalTo("Via If-Match"));
        leader.api().header("If-Match", snapshot.header("ETag")).body(Map.of("name", "Stale"))
                .patch("/api/boards/" + board.id())
                .then().statusCode(409).body("type", equalTo("/problems/stale-version"));
    }

    // ---- the snapshot ------------------------------------------------------------------------------------------

    @Test
    void snapshotShowsTheBoardColumnsAndOpenCardsInBoardOrder() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");

        long purchase = Fixture.cardId(rep, board.id(), board.column(2), "In purchase");
        long first = Fixture.cardId(rep, board.id(), board.column(0), "Discovery one");
        long second = Fixture.cardId(rep, board.id(), board.column(0), "Discovery two");
        long research = Fixture.cardId(rep, board.id(), board.column(1), "In research");
        long won = Fixture.cardId(rep, board.id(), board.column(0), "Won already");
        rep.api().body(Map.of("version", Fixture.version(rep, won), "outcome", "WON"))
                .post("/api/cards/" + won + "/close").then().statusCode(200);
        // Rank, not creation time, orders a column.
        Fixture.move(rep, second, Map.of("toColumnId", board.column(0), "beforeCardId", first))
                .then().statusCode(200);

        JsonPath snapshot = snapshot(leader, board.id());
        assertThat(snapshot.getLong("board.id")).isEqualTo(board.id());
        assertThat(snapshot.getLong("board.teamId")).isEqualTo(team.id());
        assertThat(snapshot.getString("board.kind")).isEqualTo("SALES");
        assertThat(snapshot.getString("board.name")).isNotBlank();
        assertThat(snapshot.getMap("board")).containsKey("version");
        assertThat(snapshot.getList("cards.id", Long.class)).containsExactly(second, first, research, purchase);
        assertThat(snapshot.getList("cards.id", Long.class)).doesNotContain(won);
        assertThat(snapshot.getList("columns.cardCount", Integer.class)).containsExactly(2, 1, 1, 0, 0);
        assertThat(snapshot.getList("cards.columnId", Long.class)).containsExactly(
                board.column(0), board.column(0), board.column(1), board.column(2));
        assertThat(snapshot.getList("cards.outcome", String.class)).containsOnly("OPEN");
    }

    @Test
    void lastEventSeqGrowsByOnePerChange() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long start = snapshot(rep, board.id()).getLong("lastEventSeq");

        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");
        assertThat(snapshot(rep, board.id()).getLong("lastEventSeq")).isEqualTo(start + 1);

        Fixture.move(rep, card, Map.of("toColumnId", board.column(1))).then().statusCode(200);
        assertThat(snapshot(rep, board.id()).getLong("lastEventSeq")).isEqualTo(start + 2);

        rep.api().body(Map.of("version", Fixture.version(rep, card), "title", "Bigger deal"))
                .patch("/api/cards/" + card).then().statusCode(200);
        assertThat(snapshot(rep, board.id()).getLong("lastEventSeq")).isEqualTo(start + 3);

        // A refused change emits nothing.
        rep.api().body(Map.of("version", 0, "title", "Stale")).patch("/api/cards/" + card)
                .then().statusCode(409);
        assertThat(snapshot(rep, board.id()).getLong("lastEventSeq")).isEqualTo(start + 3);
    }

    @Test
    void snapshotIsKeptWhileNothingChangesAndShowsEveryChangeAtOnce() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");

        String first = leader.api().get("/api/boards/" + board.id()).then().statusCode(200).extract().asString();
        String again = rep.api().get("/api/boards/" + board.id()).then().statusCode(200).extract().asString();
        assertThat(again).isEqualTo(first);
        // Kept or not, the snapshot stays behind the team check.
        Person outsider = Fixture.team().member("LEADER");
        outsider.api().get("/api/boards/" + board.id()).then().statusCode(404);

        Fixture.move(rep, card, Map.of("toColumnId", board.column(1))).then().statusCode(200);
        assertThat(snapshot(leader, board.id()).getList("cards.columnId", Long.class)).containsExactly(board.column(1));

        rep.api().body(Map.of("version", Fixture.version(rep, card), "reason", "Waiting for legal"))
                .post("/api/cards/" + card + "/block").then().statusCode(200);
        assertThat(snapshot(leader, board.id()).getList("cards.blockedReason", String.class))
                .containsExactly("Waiting for legal");

        long boardVersion = snapshot(leader, board.id()).getLong("board.version");
        leader.api().body(Map.of("version", boardVersion, "name", "Renamed")).patch("/api/boards/" + board.id())
                .then().statusCode(200);
        Response renamed = leader.api().get("/api/boards/" + board.id());
        renamed.then().statusCode(200).body("board.name", equalTo("Renamed"));
        assertThat(renamed.header("ETag")).isEqualTo("\"" + (boardVersion + 1) + "\"");

        long added = leader.api().body(Map.of("name", "Referral")).post("/api/boards/" + board.id() + "/columns")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(snapshot(leader, board.id()).getList("columns.id", Long.class)).contains(added);
        leader.api().delete("/api/boards/" + board.id() + "/columns/" + added).then().statusCode(204);
        assertThat(snapshot(leader, board.id()).getList("columns.id", Long.class)).doesNotContain(added);

        rep.api().body(Map.of("version", Fixture.version(rep, card), "outcome", "WON"))
                .post("/api/cards/" + card + "/close").then().statusCode(200);
        JsonPath closed = snapshot(leader, board.id());
        assertThat(closed.getList("cards")).isEmpty();
        assertThat(closed.getList("columns.cardCount", Integer.class)).containsOnly(0);
    }

    @Test
    void snapshotIsGzipEncodedForClientsThatAcceptIt() throws Exception {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");
        for (int i = 0; i < 40; i++) {
            Fixture.cardId(rep, board.id(), board.column(i % 3), "Opportunity " + i);
        }

        Response identity = raw(leader, board.id(), null);
        identity.then().statusCode(200).header("Content-Encoding", nullValue())
                .header("Vary", equalTo("Accept-Encoding"));
        Response gzip = raw(leader, board.id(), "gzip, deflate, br");
        gzip.then().statusCode(200).contentType("application/json").header("Content-Encoding", equalTo("gzip"))
                .header("Vary", equalTo("Accept-Encoding")).header("ETag", equalTo(identity.header("ETag")));
        byte[] json = identity.asByteArray();
        assertThat(gunzip(gzip.asByteArray())).isEqualTo(json);
        assertThat(gzip.asByteArray().length).isLessThan(json.length / 4);
        assertThat(Integer.parseInt(gzip.header("Content-Length"))).isEqualTo(gzip.asByteArray().length);

        // Accept-Encoding as RFC 9110 reads it: a weight of 0 refuses, * covers gzip unless gzip is named.
        Map<String, Boolean> gzipped = new HashMap<>();
        for (String header : List.of("gzip", "GZIP;q=0.5", "x-gzip", "br, *", "deflate, *;q=0.1", "gzip;q=0",
                "gzip;q=0, *", "*;q=0", "identity", "br", "", "gzip;q=nonsense", ",;=,gzip;", "gzip;q=2")) {
            Response answer = raw(leader, board.id(), header);
            answer.then().statusCode(200);
            boolean encoded = "gzip".equals(answer.header("Content-Encoding"));
            gzipped.put(header, encoded);
            assertThat(encoded ? gunzip(answer.asByteArray()) : answer.asByteArray()).as(header).isEqualTo(json);
        }
        assertThat(gzipped).containsAllEntriesOf(Map.of("gzip", true, "GZIP;q=0.5", true, "x-gzip", true,
                "br, *", true, "deflate, *;q=0.1", true, ",;=,gzip;", true));
        assertThat(gzipped).containsAllEntriesOf(Map.of("gzip;q=0", false, "gzip;q=0, *", false, "*;q=0", false,
                "identity", false, "br", false, "", false, "gzip;q=nonsense", false, "gzip;q=2", false));

        // The kept gzip never outlives its snapshot: a change is in the next gzip read.
        Fixture.move(rep, card, Map.of("toColumnId", board.column(2))).then().statusCode(200);
        Response moved = raw(leader, board.id(), "gzip");
        moved.then().statusCode(200).header("Content-Encoding", equalTo("gzip"));
        JsonPath after = new JsonPath(new String(gunzip(moved.asByteArray()), StandardCharsets.UTF_8));
        assertThat(after.getLong("cards.find { it.id == " + card + " }.columnId")).isEqualTo(board.column(2));
        assertThat(gunzip(moved.asByteArray())).isEqualTo(raw(leader, board.id(), null).asByteArray());
        // Kept or not, compressed or not, the snapshot stays behind the team check.
        raw(Fixture.team().member("LEADER"), board.id(), "gzip").then().statusCode(404);
    }

    /** The snapshot as sent: REST Assured neither asks for an encoding nor decodes one. */
    private static Response raw(Person who, long boardId, String acceptEncoding) {
        var request = who.api().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig()
                .noContentDecoders()));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return request.get("/api/boards/" + boardId);
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    @Test
    void readersDuringMovesNeverGoBackAndEndOnTheLastMove() throws Exception {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long card = Fixture.cardId(rep, board.id(), board.column(0), "Deal");
        for (int i = 0; i < 30; i++) {
            Fixture.cardId(rep, board.id(), board.column(i % 3), "Filler " + i);
        }

        ExecutorService readers = Executors.newFixedThreadPool(6);
        AtomicBoolean moving = new AtomicBoolean(true);
        List<Future<List<Long>>> seen = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            seen.add(readers.submit(() -> {
                List<Long> seqs = new ArrayList<>();
                while (moving.get()) {
                    seqs.add(snapshot(leader, board.id()).getLong("lastEventSeq"));
                }
                return seqs;
            }));
        }
        for (int i = 1; i <= 20; i++) {
            Fixture.move(rep, card, Map.of("toColumnId", board.column(i % 2))).then().statusCode(200);
        }
        moving.set(false);
        for (Future<List<Long>> reader : seen) {
            assertThat(reader.get(30, TimeUnit.SECONDS)).isSorted();
        }
        readers.shutdown();

        JsonPath last = snapshot(rep, board.id());
        assertThat(last.getLong("cards.find { it.id == " + card + " }.columnId")).isEqualTo(board.column(0));
        assertThat(last.getLong("cards.find { it.id == " + card + " }.version"))
                .isEqualTo(Fixture.version(rep, card));
    }

    // ---- columns -----------------------------------------------------------------------------------------------

    @Test
    void leaderAddsColumnsAtTheEndAndAtAPosition() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");

        Response atEnd = leader.api().body(Map.of("name", "Referral", "wipLimit", 4, "policy", "Ask for an intro",
                "probability", 100, "type", "DONE")).post("/api/boards/" + board.id() + "/columns");
        atEnd.then().statusCode(201)
                .body("name", equalTo("Referral")).body("position", equalTo(5)).body("wipLimit", equalTo(4))
                .body("policy", equalTo("Ask for an intro")).body("probability", equalTo(100))
                .body("type", equalTo("DONE")).body("boardId", equalTo((int) board.id()))
                .body("cardCount", equalTo(0)).body("overLimit", equalTo(false));
        long referral = atEnd.jsonPath().getLong("id");
        assertThat(atEnd.header("Location")).endsWith("/api/boards/" + board.id() + "/columns/" + referral);

        Response inserted = leader.api().body(Map.of("name", "Qualify", "position", 1))
                .post("/api/boards/" + board.id() + "/columns");
        inserted.then().statusCode(201).body("position", equalTo(1)).body("type", equalTo("ACTIVE"))
                .body("wipLimit", nullValue());
        long qualify = inserted.jsonPath().getLong("id");

        JsonPath snapshot = snapshot(leader, board.id());
        assertThat(snapshot.getList("columns.name", String.class)).containsExactly(
                "Discovery", "Qualify", "Research", "Purchase", "Delivery", "Devotion", "Referral");
        assertThat(snapshot.getList("columns.position", Integer.class))
                .containsExactlyElementsOf(IntStream.range(0, 7).boxed().toList());
        assertThat(snapshot.getList("columns.id", Long.class)).containsSubsequence(board.column(0), qualify,
                board.column(1), referral);
    }

    @Test
    void leaderChangesAColumn() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");
        long purchase = board.column(2);
        long version = column(leader, board.id(), purchase).getLong("version");

        leader.api().body(Map.of("version", version, "name", "Proposal", "wipLimit", 3, "policy",
                        "Proposal sent; next: agree terms", "probability", 55, "position", 0))
                .patch("/api/boards/" + board.id() + "/columns/" + purchase)
                .then().statusCode(200)
                .body("id", equalTo((int) purchase)).body("name", equalTo("Proposal")).body("wipLimit", equalTo(3))
                .body("policy", equalTo("Proposal sent; next: agree terms")).body("probability", equalTo(55))
                .body("position", equalTo(0)).body("version", greaterThan((int) version));
        long changedVersion = column(leader, board.id(), purchase).getLong("version");

        JsonPath snapshot = snapshot(leader, board.id());
        assertThat(snapshot.getList("columns.name", String.class))
                .containsExactly("Proposal", "Discovery", "Research", "Delivery", "Devotion");
        assertThat(snapshot.getList("columns.position", Integer.class)).containsExactly(0, 1, 2, 3, 4);
        Map<String, Object> changed = snapshot.getMap("columns.find { it.id == " + purchase + " }");
        assertThat(changed).containsEntry("wipLimit", 3).containsEntry("probability", 55)
                .containsEntry("policy", "Proposal sent; next: agree terms");

        // Moving it to the far end keeps positions contiguous and keeps everything not sent.
        leader.api().body(Map.of("version", changedVersion, "position", 4))
                .patch("/api/boards/" + board.id() + "/columns/" + purchase).then().statusCode(200)
                .body("position", equalTo(4)).body("name", equalTo("Proposal"));
        JsonPath after = snapshot(leader, board.id());
        assertThat(after.getList("columns.name", String.class))
                .containsExactly("Discovery", "Research", "Delivery", "Devotion", "Proposal");
        assertThat(after.getList("columns.position", Integer.class)).containsExactly(0, 1, 2, 3, 4);
        Map<String, Object> moved = after.getMap("columns.find { it.id == " + purchase + " }");
        assertThat(moved).containsEntry("wipLimit", 3).containsEntry("probability", 55)
                .containsEntry("policy", "Proposal sent; next: agree terms");
    }

    @Test
    void nullWipLimitRemovesTheLimitAndLeavingItOutKeepsIt() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");
        long research = board.column(1);
        long version = column(leader, board.id(), research).getLong("version");

        leader.api().body(Map.of("version", version, "wipLimit", 2))
                .patch("/api/boards/" + board.id() + "/columns/" + research)
                .then().statusCode(200).body("wipLimit", equalTo(2));
        leader.api().body(Map.of("version", version + 1, "name", "Research & compare"))
                .patch("/api/boards/" + board.id() + "/columns/" + research)
                .then().statusCode(200).body("wipLimit", equalTo(2)).body("name", equalTo("Research & compare"))
                .body("probability", equalTo(25));

        assertThat(column(leader, board.id(), research).getString("policy")).as("policy kept").isNotBlank();

        Map<String, Object> clear = new HashMap<>();
        clear.put("version", version + 2);
        clear.put("wipLimit", null);
        leader.api().body(clear).patch("/api/boards/" + board.id() + "/columns/" + research)
                .then().statusCode(200).body("wipLimit", nullValue()).body("name", equalTo("Research & compare"));
        assertThat(column(leader, board.id(), research).<Object>get("wipLimit")).isNull();
    }

    @Test
    void columnChangesAreValidated() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");
        long research = board.column(1);
        long version = column(leader, board.id(), research).getLong("version");
        String path = "/api/boards/" + board.id() + "/columns/" + research;

        leader.api().body(Map.of("version", version, "wipLimit", 0)).patch(path)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("version", version, "probability", 101)).patch(path)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("version", version, "name", "")).patch(path)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("name", "No version")).patch(path)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("version", version, "colour", "red")).patch(path)
                .then().statusCode(400);
        assertThat(column(leader, board.id(), research).getString("name")).isEqualTo("Research");
        assertThat(column(leader, board.id(), research).getInt("probability")).isEqualTo(25);

        // A blank name is refused on rename as on create.
        leader.api().body(Map.of("version", version, "name", "   ")).patch(path)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        assertThat(column(leader, board.id(), research).getString("name")).isEqualTo("Research");
    }

    @Test
    void staleColumnVersionIsRefusedWithTheCurrentColumn() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");
        long research = board.column(1);
        long version = column(leader, board.id(), research).getLong("version");
        leader.api().body(Map.of("version", version, "name", "Compare"))
                .patch("/api/boards/" + board.id() + "/columns/" + research).then().statusCode(200);

        leader.api().body(Map.of("version", version, "name", "Evaluate"))
                .patch("/api/boards/" + board.id() + "/columns/" + research)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/stale-version"))
                .body("current.id", equalTo((int) research))
                .body("current.name", equalTo("Compare"))
                .body("current.version", equalTo((int) version + 1));
        assertThat(column(leader, board.id(), research).getString("name")).isEqualTo("Compare");
    }

    @Test
    void probabilityIsOnlyForSalesBoards() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "IMPROVEMENT");
        long plan = board.column(1);
        long version = column(leader, board.id(), plan).getLong("version");

        leader.api().body(Map.of("version", version, "probability", 50))
                .patch("/api/boards/" + board.id() + "/columns/" + plan)
                .then().statusCode(400).body("type", equalTo("/problems/validation"));
        leader.api().body(Map.of("name", "Try", "probability", 50)).post("/api/boards/" + board.id() + "/columns")
                .then().statusCode(400).body("type", equalTo("/problems/validation"));

        JsonPath snapshot = snapshot(leader, board.id());
        assertThat(snapshot.getList("columns.probability")).containsOnly((Object) null);
        assertThat(snapshot.getList("columns.name", String.class)).doesNotContain("Try");
    }

    @Test
    void onlyEmptyColumnsCanBeDeleted() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long research = board.column(1);
        long card = Fixture.cardId(rep, board.id(), research, "Comparing");

        leader.api().delete("/api/boards/" + board.id() + "/columns/" + research)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("/problems/conflict"));
        assertThat(snapshot(leader, board.id()).getList("columns.id", Long.class)).contains(research);

        Fixture.move(rep, card, Map.of("toColumnId", board.column(2))).then().statusCode(200);
        // A closed card keeps its column: it goes to the first remaining one with it.
        long won = Fixture.cardId(rep, board.id(), research, "Won here");
        rep.api().body(Map.of("version", 0, "outcome", "WON")).post("/api/cards/" + won + "/close")
                .then().statusCode(200);
        leader.api().delete("/api/boards/" + board.id() + "/columns/" + research).then().statusCode(204);
        rep.api().get("/api/cards/" + won).then().statusCode(200).body("columnId", equalTo((int) board.column(0)))
                .body("outcome", equalTo("WON"));

        JsonPath snapshot = snapshot(leader, board.id());
        assertThat(snapshot.getList("columns.id", Long.class)).doesNotContain(research).hasSize(4);
        assertThat(snapshot.getList("columns.position", Integer.class)).containsExactly(0, 1, 2, 3);
        assertThat(snapshot.getList("cards.id", Long.class)).containsExactly(card);
        leader.api().body(Map.of("version", 0, "name", "Ghost"))
                .patch("/api/boards/" + board.id() + "/columns/" + research)
                .then().statusCode(404).body("type", equalTo("/problems/not-found"));
    }

    @Test
    void theLastColumnStays() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "IMPROVEMENT");
        for (int i = 1; i < 5; i++) {
            leader.api().delete("/api/boards/" + board.id() + "/columns/" + board.column(i)).then().statusCode(204);
        }

        leader.api().delete("/api/boards/" + board.id() + "/columns/" + board.column(0))
                .then().statusCode(409).body("type", equalTo("/problems/conflict"));
        assertThat(snapshot(leader, board.id()).getList("columns.id", Long.class)).containsExactly(board.column(0));
    }

    @Test
    void columnIsOverLimitWhenALeaderOverrodeIt() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long research = board.column(1);
        long version = column(leader, board.id(), research).getLong("version");
        leader.api().body(Map.of("version", version, "wipLimit", 1))
                .patch("/api/boards/" + board.id() + "/columns/" + research).then().statusCode(200);
        Fixture.cardId(rep, board.id(), research, "Inside");
        assertThat(column(leader, board.id(), research).getBoolean("overLimit")).isFalse();

        long extra = Fixture.cardId(rep, board.id(), board.column(0), "Extra");
        Fixture.move(leader, extra, Map.of("toColumnId", research, "overrideWip", true,
                "overrideReason", "Board meeting tomorrow")).then().statusCode(200);

        JsonPath column = column(leader, board.id(), research);
        assertThat(column.getInt("cardCount")).isEqualTo(2);
        assertThat(column.getInt("wipLimit")).isEqualTo(1);
        assertThat(column.getBoolean("overLimit")).isTrue();
        assertThat(column(leader, board.id(), board.column(0)).getBoolean("overLimit")).isFalse();
    }

    // ---- access ------------------------------------------------------------------------------------------------

    @Test
    void anotherTeamsBoardIsNotFoundOnEveryEndpoint() {
        TeamFixture team = Fixture.team();
        Person owner = team.member("LEADER");
        BoardFixture board = team.board(owner, "SALES");
        long card = Fixture.cardId(owner, board.id(), board.column(0), "Secret deal");
        long empty = board.column(4);
        Person stranger = Fixture.team().member("LEADER");
        String base = "/api/boards/" + board.id();

        List<Response> responses = List.of(
                stranger.api().get(base),
                stranger.api().body(Map.of("version", 0, "name", "Mine now")).patch(base),
                stranger.api().body(Map.of("name", "Sneaky")).post(base + "/columns"),
                stranger.api().body(Map.of("version", 0, "name", "Sneaky")).patch(base + "/columns/" + board.column(1)),
                stranger.api().delete(base + "/columns/" + empty),
                stranger.api().body(Map.of("title", "Planted")).post(base + "/cards"),
                stranger.api().get(base + "/cards"),
                stranger.api().get("/api/teams/" + team.id() + "/boards"),
                stranger.api().body(Map.of("name", "Planted", "kind", "SALES")).post("/api/teams/" + team.id() + "/boards"));
        for (Response response : responses) {
            response.then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("/problems/not-found"));
        }

        JsonPath snapshot = snapshot(owner, board.id());
        assertThat(snapshot.getString("board.name")).isNotEqualTo("Mine now");
        assertThat(snapshot.getList("columns.name", String.class)).doesNotContain("Sneaky").hasSize(5);
        assertThat(snapshot.getList("columns.id", Long.class)).contains(empty);
        assertThat(snapshot.getList("cards.id", Long.class)).containsExactly(card);
    }

    @Test
    void viewerAndCoachReadTheBoardButCannotChangeIt() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");
        long version = column(leader, board.id(), board.column(1)).getLong("version");
        String base = "/api/boards/" + board.id();

        for (String role : List.of("VIEWER", "COACH")) {
            Person reader = team.member(role);
            reader.api().get(base).then().statusCode(200)
                    .body("board.id", equalTo((int) board.id()))
                    .body("columns.name", hasItem("Discovery"));
            reader.api().body(Map.of("name", "Mine")).post(base + "/columns")
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
            reader.api().body(Map.of("version", version, "wipLimit", 1)).patch(base + "/columns/" + board.column(1))
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
            reader.api().delete(base + "/columns/" + board.column(4))
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
            reader.api().body(Map.of("version", 0, "archived", true)).patch(base)
                    .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        }
        JsonPath snapshot = snapshot(leader, board.id());
        assertThat(snapshot.getList("columns.name", String.class)).doesNotContain("Mine").hasSize(5);
        assertThat(snapshot.getBoolean("board.archived")).isFalse();
        assertThat(column(leader, board.id(), board.column(1)).<Object>get("wipLimit")).isNull();
    }

    @Test
    void repMayNotChangeColumns() {
        TeamFixture team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        BoardFixture board = team.board(leader, "SALES");
        long version = column(leader, board.id(), board.column(1)).getLong("version");

        rep.api().body(Map.of("version", version, "wipLimit", 1))
                .patch("/api/boards/" + board.id() + "/columns/" + board.column(1))
                .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        rep.api().body(Map.of("name", "Mine")).post("/api/boards/" + board.id() + "/columns")
                .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        assertThat(column(leader, board.id(), board.column(1)).<Object>get("wipLimit")).isNull();
    }

    @Test
    void unauthenticatedCallerGets401() {
        TeamFixture team = Fixture.team();
        BoardFixture board = team.board("SALES");
        Fixture.anonymous().get("/api/boards/" + board.id()).then().statusCode(401)
                .body("type", equalTo("/problems/unauthenticated"));
        Fixture.anonymous().get("/api/teams/" + team.id() + "/boards").then().statusCode(401)
                .body("type", equalTo("/problems/unauthenticated"));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static long createBoard(Person leader, TeamFixture team, String name, String kind) {
        return leader.api().body(Map.of("name", name, "kind", kind)).post("/api/teams/" + team.id() + "/boards")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static JsonPath snapshot(Person who, long boardId) {
        return who.api().get("/api/boards/" + boardId).then().statusCode(200).extract().jsonPath();
    }

    /** One column as the snapshot shows it. */
    private static JsonPath column(Person who, long boardId, long columnId) {
        JsonPath snapshot = snapshot(who, boardId);
        assertThat(snapshot.getList("columns.id", Long.class)).as("columns of board %s", boardId).contains(columnId);
        return snapshot.setRootPath("columns.find { it.id == " + columnId + " }");
    }
}
