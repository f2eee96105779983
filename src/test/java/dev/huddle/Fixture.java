package dev.huddle;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;

/**
 * The one fixture helper: seeds data through the public API, each test in its own fresh team so tests never
 * depend on one another or on row counts.
 */
@QuarkusTestResource(PostgresTestDatabase.class)
public final class Fixture {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixture() {
    }

    /**
     * The packaged application the ITs start: Maven's failsafe passes its path (pom.xml, {@code huddle.runner});
     * run by hand, the build's default.
     */
    public static String runnerJar() {
        return System.getProperty("huddle.runner", "target/huddle-runner.jar");
    }

    /** A unique suffix for names that must not collide across tests. */
    public static String unique() {
        return Integer.toString(SEQ.incrementAndGet(), 36) + UUID.randomUUID().toString().substring(0, 6);
    }

    public static RequestSpecification as(String username, String password) {
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** An HTTP Basic {@code Authorization} header value, for clients other than REST Assured. */
    public static String basicAuthorization(String username, String password) {
        byte[] credentials = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials);
    }

    public static RequestSpecification admin() {
        return as(ADMIN_USER, ADMIN_PASSWORD);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static TeamFixture team() {
        long id = admin().body(Map.of("name", "Team " + unique())).post("/api/teams")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        return new TeamFixture(id);
    }

    public record Person(long memberId, long userId, String username, String password) {
        public RequestSpecification api() {
            return as(username, password);
        }
    }

    public record BoardFixture(long id, List<Long> columnIds) {
        public long column(int index) {
            return columnIds.get(index);
        }
    }

    public record TeamFixture(long id) {
        public Person member(String role) {
            return member(role, null);
        }

        public Person member(String role, String salesRole) {
            String username = role.toLowerCase() + "-" + unique();
            String password = "pw-" + username;
            Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username,
                    "displayName", "Person " + username, "role", role, "password", password));
            if (salesRole != null) {
                body.put("salesRole", salesRole);
            }
            var json = admin().body(body).post("/api/teams/" + id + "/members")
                    .then().statusCode(201).extract().jsonPath();
            return new Person(json.getLong("id"), json.getLong("userId"), username, password);
        }

        /** Adds an existing user (a member of another team) to this team with {@code role}. */
        public void add(Person person, String role) {
            admin().body(Map.of("username", person.username(), "role", role)).post("/api/teams/" + id + "/members")
                    .then().statusCode(201);
        }

        public BoardFixture board(String kind) {
            Person leader = member("LEADER");
            return board(leader, kind);
        }

        public BoardFixture board(Person leader, String kind) {
            long boardId = leader.api().body(Map.of("name", kind + " board " + unique(), "kind", kind))
                    .post("/api/teams/" + id + "/boards").then().statusCode(201).extract().jsonPath().getLong("id");
            List<Long> columns = leader.api().get("/api/boards/" + boardId).then().statusCode(200)
                    .extract().jsonPath().getList("columns.id", Long.class);
            return new BoardFixture(boardId, columns);
        }

        public long customer(Person who, String name) {
            return who.api().body(Map.of("name", name)).post("/api/teams/" + id + "/customers")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
        }
    }

    /** Creates a card (as {@code who}) in the given column and returns the response body. */
    public static Response card(Person who, long boardId, long columnId, String title) {
        Response response = who.api().body(Map.of("title", title, "columnId", columnId))
                .post("/api/boards/" + boardId + "/cards");
        response.then().statusCode(201);
        return response;
    }

    public static long cardId(Person who, long boardId, long columnId, String title) {
        return card(who, boardId, columnId, title).jsonPath().getLong("id");
    }

    public static long version(Person who, long cardId) {
        return who.api().get("/api/cards/" + cardId).then().statusCode(200).extract().jsonPath().getLong("version");
    }

    /** The board's last event seq, as its snapshot gives it. */
    public static long lastEventSeq(Person who, long boardId) {
        return who.api().get("/api/boards/" + boardId).then().statusCode(200).extract().jsonPath()
                .getLong("lastEventSeq");
    }

    /** The sum of a metric's lines in Prometheus text from {@code /q/metrics} (0 when it has none). */
    public static double metric(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A metric of the server under test, read from its {@code /q/metrics} now. */
    public static double metric(String name) {
        return metric(given().get("/q/metrics").then().statusCode(200).extract().asString(), name);
    }

    /** One of the clients {@link #race} runs; returns an HTTP status. */
    public interface Client {
        int call(int index) throws Exception;
    }

    /** Runs the clients at once, released together by a latch; their statuses in client order (each within 60 s). */
    public static List<Integer> race(int clients, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return client.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Moves a card with its current version; returns the response for the caller to check. */
    public static Response move(Person who, long cardId, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.putIfAbsent("version", version(who, cardId));
        return who.api().body(body).post("/api/cards/" + cardId + "/move");
    }

    /** Sets the WIP limit of a board's column (as its leader). */
    public static void wipLimit(Person leader, BoardFixture board, int columnIndex, int limit) {
        long version = leader.api().get("/api/boards/" + board.id()).then().statusCode(200).extract().jsonPath()
                .getLong("columns[" + columnIndex + "].version");
        leader.api().body(Map.of("version", version, "wipLimit", limit))
                .patch("/api/boards/" + board.id() + "/columns/" + board.column(columnIndex)).then().statusCode(200)
                .body("wipLimit", Matchers.equalTo(limit));
    }

    /** The ids of the open cards in a column, in board order. */
    public static List<Long> columnOrder(Person who, long boardId, long columnId) {
        List<Map<String, Object>> cards = who.api().get("/api/boards/" + boardId).then().statusCode(200)
                .extract().jsonPath().getList("cards");
        return cards.stream().filter(c -> ((Number) c.get("columnId")).longValue() == columnId)
                .map(c -> ((Number) c.get("id")).longValue()).toList();
    }

    /**
     * Checks that a response is an RFC 9457 problem (SPEC §4) of this status and type, with no internals leaked;
     * returns it for further checks.
     */
    public static ValidatableResponse problem(Response response, int status, String type) {
        return response.then().statusCode(status)
                .contentType(Matchers.startsWith("application/problem+json"))
                .body("type", Matchers.equalTo(type))
                .body("title", Matchers.not(Matchers.emptyOrNullString()))
                .body("status", Matchers.equalTo(status))
                .body("detail", Matchers.not(Matchers.emptyOrNullString()))
                .body(Matchers.not(Matchers.containsString("Exception")))
                .body(Matchers.not(Matchers.containsString("at dev.")));
    }
}
