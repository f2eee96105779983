package dev.huddle.team;

import static dev.huddle.Fixture.admin;
import static dev.huddle.Fixture.anonymous;
import static dev.huddle.Fixture.problem;
import static dev.huddle.Fixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.huddle.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TeamResourceTest {

    @Test
    void adminCreatesTeamWithDefaultTimeZoneAndCurrency() {
        String name = "Hunters " + unique();
        Response created = admin().body(Map.of("name", name)).post("/api/teams");
        created.then().statusCode(201)
                .body("name", equalTo(name))
                .body("timeZone", equalTo("UTC"))
                .body("currency", equalTo("USD"))
                .body("slug", notNullValue())
                .body("version", notNullValue());
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/teams/" + id);

        admin().get(created.header("Location")).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("name", equalTo(name));
    }

    @Test
    void customTimeZoneAndCurrencyAreKept() {
        admin().body(Map.of("name", "Berlin " + unique(), "timeZone", "Europe/Berlin", "currency", "EUR"))
                .post("/api/teams")
                .then().statusCode(201)
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("currency", equalTo("EUR"));
    }

    @Test
    void twoTeamsWithTheSameNameGetDistinctSlugs() {
        String name = "Inside Sales " + unique();
        String first = admin().body(Map.of("name", name)).post("/api/teams")
                .then().statusCode(201).extract().jsonPath().getString("slug");
        String second = admin().body(Map.of("name", name)).post("/api/teams")
                .then().statusCode(201).extract().jsonPath().getString("slug");

        assertThat(first).isNotBlank().matches("[a-z0-9-]+").startsWith("inside-sales-");
        assertThat(second).isNotBlank().matches("[a-z0-9-]+").startsWith("inside-sales-");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void nonAdminMayNotCreateTeams() {
        var team = Fixture.team();
        for (String role : List.of("LEADER", "REP", "COACH", "VIEWER")) {
            var person = team.member(role);
            problem(person.api().body(Map.of("name", "Mine " + unique())).post("/api/teams"),
                    403, "/problems/forbidden");
        }
    }

    @Test
    void invalidTimeZoneIsRejectedNamingTheField() {
        problem(admin().body(Map.of("name", "Nowhere " + unique(), "timeZone", "Mars/Olympus_Mons"))
                .post("/api/teams"), 400, "/problems/validation")
                .body("errors.field", hasItem("timeZone"));
    }

    @Test
    void invalidCurrencyIsRejectedNamingTheField() {
        for (String currency : List.of("ABC", "EURO", "US", "12$")) {
            problem(admin().body(Map.of("name", "Money " + unique(), "currency", currency)).post("/api/teams"),
                    400, "/problems/validation")
                    .body("errors.field", hasItem("currency"));
        }
    }

    @Test
    void memberSeesOnlyTheirOwnTeams() {
        var mine = Fixture.team();
        var other = Fixture.team();
        var rep = mine.member("REP");
        other.member("REP");

        JsonPath teams = rep.api().get("/api/teams").then().statusCode(200).extract().jsonPath();
        List<Long> ids = teams.getList("id", Long.class);
        assertThat(ids).contains(mine.id()).doesNotContain(other.id());
        assertThat(teams.getList("$")).isNotNull();
    }

    @Test
    void adminSeesEveryTeamAsABareArray() {
        // Names that sort first, so both teams fall within the bounded list whatever else the run created.
        String prefix = "!!! " + unique();
        long a = admin().body(Map.of("name", prefix + " a")).post("/api/teams")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long b = admin().body(Map.of("name", prefix + " b")).post("/api/teams")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        String body = admin().queryParam("limit", 1000).get("/api/teams").then().statusCode(200)
                .extract().asString();
        assertThat(body.strip()).startsWith("[");
        List<Long> ids = JsonPath.from(body).getList("id", Long.class);
        assertThat(ids).contains(a, b);
    }

    @Test
    void getOneTeamSendsItsVersionAsETag() {
        var team = Fixture.team();
        var viewer = team.member("VIEWER");

        Response response = viewer.api().get("/api/teams/" + team.id());
        response.then().statusCode(200).body("id", equalTo((int) team.id()));
        long version = response.jsonPath().getLong("version");
        assertThat(response.header("ETag")).isEqualTo("\"" + version + "\"");
    }

    @Test
    void anotherTeamIsNotFound() {
        var mine = Fixture.team();
        var other = Fixture.team();
        var leader = mine.member("LEADER");

        problem(leader.api().get("/api/teams/" + other.id()), 404, "/problems/not-found");
    }

    @Test
    void nonexistentTeamIsNotFound() {
        problem(admin().get("/api/teams/" + Long.MAX_VALUE), 404, "/problems/not-found");
    }

    @Test
    void unauthenticatedCallerGetsAProblemAndAChallenge() {
        problem(anonymous().get("/api/teams"), 401, "/problems/unauthenticated")
                .header("WWW-Authenticate", containsString("Basic"));
        problem(anonymous().body(Map.of("name", "Sneaky " + unique())).post("/api/teams"),
                401, "/problems/unauthenticated")
                .header("WWW-Authenticate", containsString("Basic"));
    }

    @Test
    void wrongPasswordIsUnauthenticated() {
        problem(Fixture.as(Fixture.ADMIN_USER, "not-the-password").get("/api/teams"),
                401, "/problems/unauthenticated")
                .header("WWW-Authenticate", containsString("Basic"));

        var team = Fixture.team();
        var rep = team.member("REP");
        problem(Fixture.as(rep.username(), rep.password() + "x").get("/api/teams/" + team.id()),
                401, "/problems/unauthenticated");
        problem(Fixture.as("nobody-" + unique(), "whatever-password").get("/api/me"),
                401, "/problems/unauthenticated");
    }
}
