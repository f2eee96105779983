package dev.huddle.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.Fixture;
import dev.huddle.board.EventLog;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The live board stream (SPEC §5) through a real SSE client. */
@QuarkusTest
class BoardEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL root;

    @Inject
    EventLog eventLog;

    @Inject
    BoardEventBroadcaster broadcaster;

    private String url(long boardId, String query) {
        return root.toString() + "api/boards/" + boardId + "/events" + (query == null ? "" : "?" + query);
    }

    private SseClient open(Fixture.Person who, long boardId, String lastEventId) throws Exception {
        SseClient client = SseClient.open(url(boardId, null), who.username(), who.password(), lastEventId);
        assertThat(client.status).isEqualTo(200);
        assertThat(client.contentType).startsWith("text/event-stream");
        assertThat(client.comments.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo("connected");
        return client;
    }

    @Test
    void aMoveReachesASubscriberWithTheCardAfterTheChange() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var viewer = team.member("VIEWER");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Live deal");
        long seq = Fixture.lastEventSeq(leader, board.id());
        try (SseClient client = open(viewer, board.id(), null)) {
            var moved = Fixture.move(leader, cardId, Map.of("toColumnId", board.column(1))).then().statusCode(200)
                    .extract().jsonPath();
            SseClient.Event event = client.next(WAIT);
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("card.moved");
            assertThat(event.seq()).isEqualTo(seq + 1);
            JsonPath data = new JsonPath(event.data());
            assertThat(data.getLong("seq")).isEqualTo(seq + 1);
            assertThat(data.getString("type")).isEqualTo("card.moved");
            assertThat(data.getLong("cardId")).isEqualTo(cardId);
            assertThat(data.getString("actor")).isEqualTo(leader.username());
            assertThat(data.getLong("data.card.columnId")).isEqualTo(board.column(1));
            assertThat(data.getLong("data.card.version")).isEqualTo(moved.getLong("version"));
        }
    }

    @Test
    void aReconnectingSubscriberGetsEveryMissedEventOnceInOrderThenLiveOnes() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "IMPROVEMENT");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Bouncing idea");
        long resume = Fixture.lastEventSeq(leader, board.id());
        long version = Fixture.version(leader, cardId);
        for (int i = 0; i < 200; i++) {
            version = leader.api().body(Map.of("version", version, "toColumnId", board.column(1 + i % 3)))
                    .post("/api/cards/" + cardId + "/move").then().statusCode(200).extract().jsonPath().getLong("version");
        }
        try (SseClient client = open(leader, board.id(), Long.toString(resume))) {
            List<SseClient.Event> replayed = client.take(200, WAIT);
            assertThat(replayed).extracting(SseClient.Event::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(resume + 1, resume + 200).boxed().toList());
            assertThat(replayed).extracting(SseClient.Event::name).containsOnly("card.moved");
            leader.api().body(Map.of("version", version, "reason", "waiting on legal"))
                    .post("/api/cards/" + cardId + "/block").then().statusCode(200);
            SseClient.Event live = client.next(WAIT);
            assertThat(live.seq()).isEqualTo(resume + 201);
            assertThat(live.name()).isEqualTo("card.blocked");
            assertThat(client.next(Duration.ofMillis(500))).as("no duplicate").isNull();
        }
        try (SseClient client = SseClient.open(url(board.id(), "since=" + (resume + 198)), leader.username(),
                leader.password(), null)) {
            assertThat(client.take(3, WAIT)).extracting(SseClient.Event::seq)
                    .containsExactly(resume + 199, resume + 200, resume + 201);
        }
    }

    @Test
    void concurrentChangesArriveInStrictSeqOrderWithNoGap() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        List<Long> cards = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cards.add(Fixture.cardId(leader, board.id(), board.column(0), "Deal " + i));
        }
        long start = Fixture.lastEventSeq(leader, board.id());
        try (SseClient client = open(leader, board.id(), null)) {
            List<Integer> statuses = Fixture.race(cards.size(), i -> {
                long version = 0;
                for (int step = 0; step < 5; step++) {
                    version = leader.api().body(Map.of("version", version, "toColumnId", board.column(1 + step % 3)))
                            .post("/api/cards/" + cards.get(i) + "/move").then().statusCode(200).extract().jsonPath()
                            .getLong("version");
                }
                return 200;
            });
            assertThat(statuses).containsOnly(200);
            List<SseClient.Event> events = client.take(40, WAIT);
            assertThat(events).extracting(SseClient.Event::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(start + 1, start + 40).boxed().toList());
        }
    }

    @Test
    void aRolledBackChangeEmitsNothing() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Almost changed");
        long seq = Fixture.lastEventSeq(leader, board.id());
        try (SseClient client = open(leader, board.id(), null)) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                eventLog.append(board.id(), cardId, "card.updated", "test", "Card", () -> null,
                        () -> Map.of("note", "this transaction rolls back"));
                throw new IllegalStateException("roll back");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(client.next(Duration.ofSeconds(1))).as("nothing from a rolled-back change").isNull();
            assertThat(Fixture.lastEventSeq(leader, board.id())).isEqualTo(seq);
            Fixture.move(leader, cardId, Map.of("toColumnId", board.column(1))).then().statusCode(200);
            SseClient.Event next = client.next(WAIT);
            assertThat(next.seq()).isEqualTo(seq + 1);
            assertThat(next.name()).isEqualTo("card.moved");
        }
        List<String> history = leader.api().get("/api/cards/" + cardId + "/history").then().extract().jsonPath()
                .getList("type", String.class);
        assertThat(history).containsExactly("card.created", "card.moved");
    }

    @Test
    void anotherTeamsStreamIsNotFoundAndAnonymousIsUnauthenticated() throws Exception {
        var team = Fixture.team();
        var board = team.board("SALES");
        var outsider = Fixture.team().member("LEADER");
        try (SseClient client = SseClient.open(url(board.id(), null), outsider.username(), outsider.password(), null)) {
            assertThat(client.status).isEqualTo(404);
            assertThat(client.errorBody).contains("/problems/not-found");
        }
        try (SseClient client = SseClient.open(url(board.id(), null), null, null, null)) {
            assertThat(client.status).isEqualTo(401);
            assertThat(client.errorBody).contains("/problems/unauthenticated");
        }
        var member = team.member("VIEWER");
        try (SseClient client = SseClient.open(url(board.id(), "since=abc"), member.username(), member.password(), null)) {
            assertThat(client.status).isEqualTo(400);
        }
    }

    @Test
    void heartbeatsKeepAnIdleStreamOpen() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        try (SseClient client = open(leader, board.id(), null)) {
            // The test profile beats every second (15 s in production).
            assertThat(client.comments.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("heartbeat");
        }
    }

    @Test
    void subscribersThatGoAwayAreReleased() throws Exception {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            done.add(pool.submit(() -> {
                try (SseClient client = open(leader, board.id(), null)) {
                    assertThat(client.status).isEqualTo(200);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> broadcaster.subscriberCount(board.id()) == 0);
        try (SseClient client = open(leader, board.id(), null)) {
            Awaitility.await().atMost(WAIT).until(() -> broadcaster.subscriberCount(board.id()) == 1);
            long cardId = Fixture.cardId(leader, board.id(), board.column(0), "After the storm");
            assertThat(client.next(WAIT).name()).isEqualTo("card.created");
            assertThat(cardId).isPositive();
        }
    }
}
