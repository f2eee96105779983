package dev.huddle.common;

import static dev.huddle.Fixture.admin;
import static dev.huddle.Fixture.problem;
import static dev.huddle.Fixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.huddle.Fixture;
import dev.huddle.Fixture.BoardFixture;
import dev.huddle.Fixture.Person;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SPEC §4: every error is RFC 9457 problem+json, and nothing a client sends produces a 5xx. */
@QuarkusTest
class ProblemTest {
    @TestHTTPResource("/")
    URL root;

    /** A leader with a SALES board and a card on it, in a fresh team. */
    private record Scene(Person leader, BoardFixture board, long cardId) {
        String cards() {
            return "/api/boards/" + board.id() + "/cards";
        }

        String card() {
            return "/api/cards/" + cardId;
        }

        Response postCard(String rawJson) {
            return leader.api().body(rawJson).post(cards());
        }

        Response patchCard(String rawJson) {
            return leader.api().body(rawJson).patch(card());
        }
    }

    private static Scene scene() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Deal " + unique());
        return new Scene(leader, board, cardId);
    }

    private static Map<String, Object> card(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Deal " + unique());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    @Test
    void malformedJsonIsMalformedJson() {
        Scene s = scene();
        for (String body : List.of("{\"title\": ", "{\"title\": \"x\",}", "{title: 'x'}", "{\"title\":\"x\"} trailing")) {
            problem(s.postCard(body), 400, "/problems/malformed-json");
        }
        problem(admin().body("{\"name\": \"x\"").post("/api/teams"), 400, "/problems/malformed-json");
    }

    @Test
    void unknownFieldIsAValidationErrorNamingTheField() {
        Scene s = scene();
        problem(s.leader().api().body(card("colour", "red")).post(s.cards()), 400, "/problems/validation")
                .body("errors[0].field", equalTo("colour"));
        problem(s.leader().api().body(Map.of("version", Fixture.version(s.leader(), s.cardId()), "colour", "red"))
                .patch(s.card()), 400, "/problems/validation")
                .body("errors[0].field", equalTo("colour"));
        problem(admin().body(Map.of("name", "Team " + unique(), "isAdmin", true)).post("/api/teams"),
                400, "/problems/validation")
                .body("errors[0].field", equalTo("isAdmin"));
    }

    @Test
    void wrongTypesAreValidationErrorsNamingTheField() {
        Scene s = scene();
        problem(s.leader().api().body(card("value", "abc")).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("value"));
        problem(s.postCard("{\"title\": 5}"), 400, "/problems/validation")
                .body("errors.field", hasItem("title"));
        problem(s.leader().api().body(card("tags", "not-a-list")).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("tags"));
        problem(s.leader().api().body(card("dueDate", "31/12/2030")).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("dueDate"));
        problem(s.leader().api().body(card("classOfService", "URGENT")).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("classOfService"));
        problem(s.leader().api().body(card("columnId", 1.5)).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("columnId"));
        problem(s.leader().api().body(Map.of("name", "Board", "kind", "NOPE"))
                .post("/api/teams/" + teamOf(s) + "/boards"), 400, "/problems/validation")
                .body("errors.field", hasItem("kind"));
        problem(s.leader().api().body(Map.of("version", "three", "title", "x")).patch(s.card()),
                400, "/problems/validation")
                .body("errors.field", hasItem("version"));
    }

    @Test
    void outOfRangeNumberIsAValidationErrorNamingTheField() {
        Scene s = scene();
        problem(s.postCard("{\"title\":\"x\",\"ownerId\":99999999999999999999999}"), 400, "/problems/validation")
                .body("errors.field", hasItem("ownerId"));
    }

    private static long teamOf(Scene s) {
        return s.leader().api().get("/api/boards/" + s.board().id()).then().statusCode(200)
                .extract().jsonPath().getLong("board.teamId");
    }

    @Test
    void stringsOverTheirDocumentedLengthAreRejected() {
        Scene s = scene();
        problem(s.leader().api().body(card("title", "t".repeat(201))).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("title"));
        problem(s.leader().api().body(card("description", "d".repeat(10_001))).post(s.cards()),
                400, "/problems/validation")
                .body("errors.field", hasItem("description"));
        List<String> tooManyTags = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooManyTags.add("tag" + i);
        }
        problem(s.leader().api().body(card("tags", tooManyTags)).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("tags"));
        problem(s.leader().api().body(card("tags", List.of("ok", "g".repeat(41)))).post(s.cards()),
                400, "/problems/validation")
                .body("errors[0].field", startsWith("tags"));
        problem(s.leader().api().body(card("referredBy", "r".repeat(201))).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("referredBy"));

        long version = Fixture.version(s.leader(), s.cardId());
        problem(s.leader().api().body(Map.of("version", version, "title", "t".repeat(201))).patch(s.card()),
                400, "/problems/validation")
                .body("errors.field", hasItem("title"));
        problem(s.leader().api().body(Map.of("version", version, "description", "d".repeat(10_001))).patch(s.card()),
                400, "/problems/validation")
                .body("errors[0].field", startsWith("description"));
        problem(s.leader().api().body(Map.of("version", version, "reason", "r".repeat(1001)))
                .post(s.card() + "/block"), 400, "/problems/validation")
                .body("errors.field", hasItem("reason"));

        // Exactly at the limits is fine.
        List<String> twentyTags = new ArrayList<>(tooManyTags.subList(0, 19));
        twentyTags.add("g".repeat(40));
        s.leader().api().body(card("title", "t".repeat(200), "description", "d".repeat(10_000), "tags", twentyTags))
                .post(s.cards()).then().statusCode(201);
    }

    @Test
    void negativeOrOverPreciseMoneyIsRejected() {
        Scene s = scene();
        problem(s.leader().api().body(card("value", -1)).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("value"));
        problem(s.leader().api().body(card("value", new java.math.BigDecimal("10.125"))).post(s.cards()),
                400, "/problems/validation")
                .body("errors.field", hasItem("value"));
        problem(s.leader().api().body(card("estimate", -0.5)).post(s.cards()), 400, "/problems/validation")
                .body("errors.field", hasItem("estimate"));
        long version = Fixture.version(s.leader(), s.cardId());
        problem(s.leader().api().body(Map.of("version", version, "value", new java.math.BigDecimal("0.001")))
                .patch(s.card()), 400, "/problems/validation")
                .body("errors.field", hasItem("value"));

        s.leader().api().body(card("value", new java.math.BigDecimal("1234.50"))).post(s.cards())
                .then().statusCode(201).body("value", equalTo(1234.5f));
    }

    @Test
    void bodyOverOneMebibyteIsPayloadTooLarge() {
        Scene s = scene();
        String huge = "{\"title\":\"x\",\"description\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
        problem(s.leader().api().body(huge).post(s.cards()), 413, "/problems/payload-too-large");
    }

    @Test
    void chunkedBodyOverOneMebibyteIsPayloadTooLargeAndChangesNothing() throws Exception {
        Scene s = scene();
        int before = cardCount(s);
        String huge = "{\"title\":\"x\",\"description\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
        HttpResponse<String> response = postChunked(s, huge, HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("/problems/payload-too-large");
        assertThat(cardCount(s)).isEqualTo(before);

        // A body of no declared length under the limit reaches the endpoint whole, over HTTP/1.1 (chunked) and over
        // HTTP/2 (cleartext, as the JDK's client upgrades to it).
        int count = before;
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> created = postChunked(s, "{\"title\":\"Deal over " + version + "\",\"columnId\":"
                    + s.board().column(0) + "}", version);
            assertThat(created.statusCode()).as(version.toString()).isEqualTo(201);
            assertThat(created.body()).contains("\"title\":\"Deal over " + version + "\"");
            assertThat(cardCount(s)).isEqualTo(++count);
        }
    }

    @Test
    void overHttp2ABodyOverOneMebibyteIsPayloadTooLargeWithOrWithoutALength() throws Exception {
        Scene s = scene();
        int before = cardCount(s);
        String huge = "{\"title\":\"x\",\"description\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
        Vertx vertx = Vertx.vertx();
        try {
            // HTTP/2 from the first byte (no upgrade), one connection for every request.
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false).setHttp2MaxPoolSize(1));
            List<HttpConnection> connections = new ArrayList<>();
            for (boolean declared : new boolean[] {true, false}) {
                Http2Answer answer = postHttp2(client, s, huge, declared);
                assertThat(answer.status()).as("declared length: " + declared).isEqualTo(413);
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
                assertThat(answer.body()).contains("/problems/payload-too-large");
                connections.add(answer.connection());
            }
            assertThat(cardCount(s)).isEqualTo(before);

            // The refusals ended only their own streams: a body under the limit, of no declared length, still
            // creates its card on the same connection.
            Http2Answer created = postHttp2(client, s, "{\"title\":\"Deal over h2c\",\"columnId\":"
                    + s.board().column(0) + "}", false);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body()).contains("\"title\":\"Deal over h2c\"");
            assertThat(connections).allSatisfy(c -> assertThat(c).isSameAs(created.connection()));
            assertThat(cardCount(s)).isEqualTo(before + 1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private record Http2Answer(int status, String contentType, String body, HttpConnection connection) {
    }

    /** Posts a card over HTTP/2; without a declared length, the body goes in two DATA frames and none says how long. */
    private Http2Answer postHttp2(io.vertx.core.http.HttpClient client, Scene s, String json, boolean declared)
            throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(root.getHost())
                .setPort(root.getPort()).setURI(s.cards())
                .putHeader("Authorization", Fixture.basicAuthorization(s.leader().username(), s.leader().password()))
                .putHeader("Content-Type", "application/json");
        return client.request(options).compose(request -> {
            Buffer body = Buffer.buffer(json);
            Future<HttpClientResponse> sent;
            if (declared) {
                sent = request.send(body);
            } else {
                request.setChunked(true);
                request.write(body.getBuffer(0, body.length() / 2));
                request.end(body.getBuffer(body.length() / 2, body.length()));
                sent = request.response();
            }
            return sent.compose(response -> {
                assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
                return response.body().map(answer -> new Http2Answer(response.statusCode(),
                        response.getHeader("Content-Type"), answer.toString(), request.connection()));
            });
        }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Posts a card with a body of no declared length: an InputStream body goes chunked. */
    private HttpResponse<String> postChunked(Scene s, String json, HttpClient.Version version) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + s.cards().substring(1))).version(version)
                .header("Authorization", Fixture.basicAuthorization(s.leader().username(), s.leader().password()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int cardCount(Scene s) {
        return s.leader().api().get("/api/boards/" + s.board().id()).then().statusCode(200)
                .extract().jsonPath().getList("cards").size();
    }

    @Test
    void unknownApiPathIsNotFoundProblem() {
        problem(admin().get("/api/no-such-thing"), 404, "/problems/not-found");
        problem(admin().get("/api/teams/1/no-such-thing"), 404, "/problems/not-found");
    }

    @Test
    void wrongMethodIsAProblem() {
        Response response = admin().delete("/api/teams");
        assertProblemShape(response, 405);
        assertProblemShape(admin().put("/api/me"), 405);
    }

    @Test
    void nonNumericPathIdIsNotFound() {
        problem(admin().get("/api/teams/abc"), 404, "/problems/not-found");
        problem(admin().get("/api/cards/12abc"), 404, "/problems/not-found");
        problem(admin().get("/api/boards/" + "9".repeat(30)), 404, "/problems/not-found");
    }

    @Test
    void limitOutOfRangeOrNotANumberIsRejected() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        for (String limit : List.of("0", "1001", "abc", "-5", "1.5")) {
            problem(leader.api().queryParam("limit", limit).get("/api/teams"), 400, "/problems/validation")
                    .body("errors.field", hasItem("limit"));
            problem(leader.api().queryParam("limit", limit).get("/api/teams/" + team.id() + "/members"),
                    400, "/problems/validation")
                    .body("errors.field", hasItem("limit"));
        }
        leader.api().queryParam("limit", 1000).get("/api/teams").then().statusCode(200);
        leader.api().queryParam("limit", 1).get("/api/teams/" + team.id() + "/members").then().statusCode(200);
    }

    @Test
    void everyKindOfErrorIsAProblemWithoutInternals() {
        Scene s = scene();
        Person viewer = Fixture.team().member("VIEWER");
        Map<String, Response> errors = new LinkedHashMap<>();
        errors.put("malformed", s.postCard("{"));
        errors.put("validation", s.leader().api().body(card("title", "")).post(s.cards()));
        errors.put("unauthenticated", Fixture.anonymous().get(s.card()));
        errors.put("forbidden", viewer.api().body(Map.of("name", "x")).post("/api/teams"));
        errors.put("not found", viewer.api().get(s.card()));
        errors.put("stale", s.leader().api().body(Map.of("version", 987654, "title", "x")).patch(s.card()));
        errors.put("wrong method", s.leader().api().put(s.card()));
        errors.put("unknown path", s.leader().api().get("/api/nowhere"));
        errors.put("bad limit", s.leader().api().queryParam("limit", "x").get(s.card() + "/history"));
        errors.put("no body", s.leader().api().post(s.cards()));
        errors.put("wrong content type", s.leader().api().contentType(ContentType.TEXT).body("title=x").post(s.cards()));
        errors.put("bad If-Match", s.leader().api().header("If-Match", "\"abc\"").body(Map.of("title", "x"))
                .patch(s.card()));
        errors.put("bad query parameter", s.leader().api().queryParam("ownerId", "abc").get(s.cards()));
        errors.put("wrong password", Fixture.as(s.leader().username(), "wrong-password").get(s.card()));

        errors.forEach((what, response) -> {
            assertThat(response.statusCode()).as(what).isBetween(400, 499);
            assertProblemShape(response, response.statusCode());
        });
    }

    @Test
    void nulCharactersAndImplausibleDatesAreClientErrorsOnEveryDatabase() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        BoardFixture board = team.board(leader, "SALES");
        problem(leader.api().body(Map.of("title", "bad\u0000title")).post("/api/boards/" + board.id() + "/cards"),
                400, "/problems/validation").body("errors[0].field", equalTo("title"));
        problem(leader.api().body(Map.of("title", "x", "dueDate", "+999999999-12-31"))
                .post("/api/boards/" + board.id() + "/cards"), 400, "/problems/validation");
        problem(leader.api().queryParam("q", "a\u0000b").get("/api/boards/" + board.id() + "/cards"),
                400, "/problems/validation");
        problem(leader.api().queryParam("q", "x".repeat(201)).get("/api/teams/" + team.id() + "/customers"),
                400, "/problems/validation");
        long card = Fixture.cardId(leader, board.id(), board.column(0), "Touch");
        problem(leader.api().body(Map.of("channel", "CALL", "at", "1000-01-01T00:00:00Z"))
                .post("/api/cards/" + card + "/touchpoints"), 400, "/problems/validation");
        problem(Fixture.as("nul\u0000user", "whatever1").get("/api/me"), 401, "/problems/unauthenticated");
        assertThat(leader.api().get("/api/boards/" + board.id() + "/cards").then().extract().jsonPath()
                .getList("title", String.class)).containsExactly("Touch");
    }

    @Test
    void hostileBodiesNeverCauseAServerError() {
        Scene s = scene();
        String deepArray = "[".repeat(5000) + "]".repeat(5000);
        String deepObject = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        List<String> bodies = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "\"x\"",
                "42",
                "true",
                "{}",
                deepArray,
                deepObject,
                "{\"title\":" + deepArray + "}",
                "1e999999",
                "{\"title\":\"x\",\"value\":1e999999}",
                "{\"title\":\"x\",\"value\":-1e999999}",
                "{\"title\":\"x\",\"value\":1e-999999}",
                "{\"title\":\"x\",\"estimate\":1e999999}",
                "{\"title\":\"x\",\"value\":" + "9".repeat(5000) + "}",
                "{\"title\":\"x\",\"ownerId\":99999999999999999999999}",
                "{\"title\":\"x\",\"columnId\":-1}",
                "{\"title\":\"x\",\"customerId\":9223372036854775807}",
                "{\"title\":\"x\",\"version\":1e999999}",
                "{\"version\":99999999999999999999999,\"title\":\"x\"}",
                "{\"title\":\"\\u0000\\u0001\\u0007\\u001b[31m\\u007f\"}",
                "{\"title\":\"x\",\"tags\":[\"\\u0000\"]}",
                "{\"title\":\"x\",\"tags\":[null]}",
                "{\"title\":\"x\",\"tags\":[[\"nested\"]]}",
                "{\"title\":\"\\ud800\"}",
                "{\"title\":\"x\",\"description\":\"\\udfff\\ud800\"}",
                "{\"title\":\"\u202e\u200b\ufeff\"}",
                "{\"title\":\"x\",\"dueDate\":\"+999999999-12-31\"}",
                "{\"title\":\"x\",\"dueDate\":\"0000-00-00\"}",
                "{\"title\":\"x\",\"title\":\"y\"}",
                "{\"title\":null}",
                "{\"title\":\"x\",\"whys\":" + deepArray + "}",
                "\u0000\u0001",
                "{\"title\":\"x\"" + ",\"a\":1".repeat(2000) + "}"));
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            check(failures, "POST cards " + abbreviate(body), s.postCard(body));
            check(failures, "PATCH card " + abbreviate(body), s.patchCard(body));
            String withVersion = body.startsWith("{\"title\"")
                    ? "{\"version\":" + Fixture.version(s.leader(), s.cardId()) + "," + body.substring(1) : null;
            if (withVersion != null) {
                check(failures, "PATCH card (versioned) " + abbreviate(body), s.patchCard(withVersion));
            }
        }
        assertThat(failures).as("hostile bodies answered with 5xx or a non-problem error").isEmpty();
        // And the card survived all of it.
        s.leader().api().get(s.card()).then().statusCode(200);
    }

    private static void check(List<String> failures, String what, Response response) {
        int code = response.statusCode();
        String body = response.asString();
        if (code >= 500) {
            failures.add(what + " -> " + code + " " + abbreviate(body));
        } else if (code >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            failures.add(what + " -> " + code + " with Content-Type " + response.contentType());
        } else if (body.contains("Exception") || body.contains("at dev.")) {
            failures.add(what + " -> " + code + " leaks internals: " + abbreviate(body));
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…(" + text.length() + " chars)";
    }

    /** The shape every error has (SPEC §4), whatever its type. */
    private static void assertProblemShape(Response response, int status) {
        response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status));
        Map<String, Object> problem = response.jsonPath().getMap("$");
        assertThat(problem).containsKeys("type", "title", "status", "detail");
        assertThat((String) problem.get("type")).isNotBlank();
        assertThat((String) problem.get("title")).isNotBlank();
        assertThat((String) problem.get("detail")).isNotBlank();
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at dev.");
    }
}
