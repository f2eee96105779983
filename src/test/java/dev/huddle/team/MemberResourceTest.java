package dev.huddle.team;

import static dev.huddle.Fixture.admin;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberResourceTest {

    private static Map<String, Object> newUser(String role) {
        String username = "new-" + unique();
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("displayName", "Dana " + username);
        body.put("role", role);
        body.put("password", "long-enough-" + username);
        return body;
    }

    private static String membersOf(long teamId) {
        return "/api/teams/" + teamId + "/members";
    }

    @Test
    void adminAddsANewUserAsMember() {
        var team = Fixture.team();
        Map<String, Object> body = newUser("REP");
        body.put("salesRole", "HUNTER");

        Response created = admin().body(body).post(membersOf(team.id()));
        created.then().statusCode(201)
                .body("teamId", equalTo((int) team.id()))
                .body("userId", notNullValue())
                .body("username", equalTo(body.get("username")))
                .body("displayName", equalTo(body.get("displayName")))
                .body("role", equalTo("REP"))
                .body("salesRole", equalTo("HUNTER"))
                .body("version", notNullValue());
        long memberId = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith(membersOf(team.id()) + "/" + memberId);

        // The new user can sign in with the password given.
        Fixture.as((String) body.get("username"), (String) body.get("password")).get("/api/me")
                .then().statusCode(200).body("username", equalTo(body.get("username")));
    }

    @Test
    void leaderAddsMembersToTheirTeam() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");

        leader.api().body(newUser("COACH")).post(membersOf(team.id()))
                .then().statusCode(201)
                .body("role", equalTo("COACH"))
                .body("teamId", equalTo((int) team.id()));
    }

    @Test
    void repMayNotAddMembers() {
        var team = Fixture.team();
        for (String role : List.of("REP", "COACH", "VIEWER")) {
            Person person = team.member(role);
            problem(person.api().body(newUser("REP")).post(membersOf(team.id())), 403, "/problems/forbidden");
        }
    }

    @Test
    void newUsernameNeedsDisplayNameAndPassword() {
        var team = Fixture.team();

        Map<String, Object> noDisplayName = newUser("REP");
        noDisplayName.remove("displayName");
        problem(admin().body(noDisplayName).post(membersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("displayName"));

        Map<String, Object> noPassword = newUser("REP");
        noPassword.remove("password");
        problem(admin().body(noPassword).post(membersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("password"));

        // Neither attempt created the user: a complete request with the same username still creates it.
        noPassword.put("password", "now-long-enough");
        admin().body(noPassword).post(membersOf(team.id())).then().statusCode(201);
    }

    @Test
    void passwordShorterThanEightIsRejected() {
        var team = Fixture.team();
        Map<String, Object> body = newUser("REP");
        body.put("password", "1234567");

        problem(admin().body(body).post(membersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("password"));
    }

    @Test
    void roleIsRequiredAndMustBeKnown() {
        var team = Fixture.team();
        Map<String, Object> noRole = newUser("REP");
        noRole.remove("role");
        problem(admin().body(noRole).post(membersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("role"));

        Map<String, Object> badRole = newUser("REP");
        badRole.put("role", "OWNER");
        problem(admin().body(badRole).post(membersOf(team.id())), 400, "/problems/validation")
                .body("errors.field", hasItem("role"));
    }

    @Test
    void existingUserJoinsASecondTeamWithoutAPassword() {
        var first = Fixture.team();
        var second = Fixture.team();
        Person coach = first.member("COACH");

        Map<String, Object> body = new HashMap<>();
        body.put("username", coach.username());
        body.put("role", "LEADER");
        Response joined = admin().body(body).post(membersOf(second.id()));
        joined.then().statusCode(201)
                .body("userId", equalTo((int) coach.userId()))
                .body("teamId", equalTo((int) second.id()))
                .body("role", equalTo("LEADER"));
        long secondMemberId = joined.jsonPath().getLong("id");
        assertThat(secondMemberId).isNotEqualTo(coach.memberId());

        // Same person, same password, now in both teams with a role in each.
        JsonPath me = coach.api().get("/api/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getLong("userId")).isEqualTo(coach.userId());
        assertThat(me.getList("teams.teamId", Long.class)).contains(first.id(), second.id());
        assertThat(me.getString("teams.find { it.teamId == " + first.id() + " }.role")).isEqualTo("COACH");
        assertThat(me.getString("teams.find { it.teamId == " + second.id() + " }.role")).isEqualTo("LEADER");
        assertThat(me.getLong("teams.find { it.teamId == " + second.id() + " }.memberId")).isEqualTo(secondMemberId);

        // And can act as a LEADER in the second team.
        coach.api().body(newUser("REP")).post(membersOf(second.id())).then().statusCode(201);
    }

    @Test
    void addingAnExistingMemberAgainIsAConflict() {
        var team = Fixture.team();
        Person rep = team.member("REP");

        problem(admin().body(Map.of("username", rep.username(), "role", "VIEWER")).post(membersOf(team.id())),
                409, "/problems/conflict");
        // Their role is unchanged.
        admin().get(membersOf(team.id()) + "/" + rep.memberId()).then().statusCode(200).body("role", equalTo("REP"));
    }

    @Test
    void membersAreListed() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP", "FARMER");
        Person viewer = team.member("VIEWER");

        String body = viewer.api().get(membersOf(team.id())).then().statusCode(200).extract().asString();
        assertThat(body.strip()).startsWith("[");
        JsonPath list = JsonPath.from(body);
        assertThat(list.getList("id", Long.class)).contains(leader.memberId(), rep.memberId(), viewer.memberId());
        assertThat(list.getString("find { it.id == " + rep.memberId() + " }.username")).isEqualTo(rep.username());
        assertThat(list.getString("find { it.id == " + rep.memberId() + " }.role")).isEqualTo("REP");
        assertThat(list.getString("find { it.id == " + rep.memberId() + " }.salesRole")).isEqualTo("FARMER");
    }

    @Test
    void oneMemberWithETag() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        Person viewer = team.member("VIEWER");

        Response response = viewer.api().get(membersOf(team.id()) + "/" + rep.memberId());
        response.then().statusCode(200)
                .body("id", equalTo((int) rep.memberId()))
                .body("username", equalTo(rep.username()))
                .body("role", equalTo("REP"));
        assertThat(response.header("ETag")).isEqualTo("\"" + response.jsonPath().getLong("version") + "\"");
    }

    @Test
    void leaderChangesARoleWithTheVersionInTheBody() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        String url = membersOf(team.id()) + "/" + rep.memberId();
        long version = leader.api().get(url).then().statusCode(200).extract().jsonPath().getLong("version");

        Response patched = leader.api().body(Map.of("version", version, "role", "COACH", "salesRole", "HUNTER"))
                .patch(url);
        patched.then().statusCode(200)
                .body("id", equalTo((int) rep.memberId()))
                .body("role", equalTo("COACH"))
                .body("salesRole", equalTo("HUNTER"));
        assertThat(patched.jsonPath().getLong("version")).isGreaterThan(version);

        leader.api().get(url).then().statusCode(200).body("role", equalTo("COACH"));
    }

    @Test
    void adminChangesARoleWithIfMatch() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        String url = membersOf(team.id()) + "/" + rep.memberId();
        String etag = admin().get(url).then().statusCode(200).extract().header("ETag");

        Response patched = admin().header("If-Match", etag).body(Map.of("role", "LEADER")).patch(url);
        patched.then().statusCode(200).body("role", equalTo("LEADER"));
        assertThat(patched.jsonPath().getLong("version")).isGreaterThan(Long.parseLong(etag.replace("\"", "")));

        // The promoted member can now manage members.
        rep.api().body(newUser("VIEWER")).post(membersOf(team.id())).then().statusCode(201);
    }

    @Test
    void staleVersionIsRefusedWithTheCurrentMember() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        String url = membersOf(team.id()) + "/" + rep.memberId();
        long version = leader.api().get(url).then().statusCode(200).extract().jsonPath().getLong("version");
        long current = leader.api().body(Map.of("version", version, "role", "COACH")).patch(url)
                .then().statusCode(200).extract().jsonPath().getLong("version");

        problem(leader.api().body(Map.of("version", version, "role", "VIEWER")).patch(url),
                409, "/problems/stale-version")
                .body("current.id", equalTo((int) rep.memberId()))
                .body("current.role", equalTo("COACH"))
                .body("current.version", equalTo((int) current));

        problem(leader.api().header("If-Match", "\"" + version + "\"").body(Map.of("role", "VIEWER")).patch(url),
                409, "/problems/stale-version")
                .body("current.version", equalTo((int) current));

        leader.api().get(url).then().statusCode(200).body("role", equalTo("COACH"));
    }

    @Test
    void patchWithoutAnyVersionIsRejected() {
        var team = Fixture.team();
        Person rep = team.member("REP");

        problem(admin().body(Map.of("role", "VIEWER")).patch(membersOf(team.id()) + "/" + rep.memberId()),
                400, "/problems/validation")
                .body("errors.field", hasItem("version"));
    }

    @Test
    void repMayNotChangeRoles() {
        var team = Fixture.team();
        Person rep = team.member("REP");
        String url = membersOf(team.id()) + "/" + rep.memberId();
        long version = rep.api().get(url).then().statusCode(200).extract().jsonPath().getLong("version");

        problem(rep.api().body(Map.of("version", version, "role", "LEADER")).patch(url), 403, "/problems/forbidden");
        admin().get(url).then().statusCode(200).body("role", equalTo("REP"));
    }

    @Test
    void demotedRepCanNoLongerCreateCards() {
        var team = Fixture.team();
        Person leader = team.member("LEADER");
        Person rep = team.member("REP");
        var board = team.board(leader, "SALES");
        // The rep works (and their credentials are now verified and cached).
        Fixture.cardId(rep, board.id(), board.column(0), "Before demotion");

        String url = membersOf(team.id()) + "/" + rep.memberId();
        long version = leader.api().get(url).then().statusCode(200).extract().jsonPath().getLong("version");
        leader.api().body(Map.of("version", version, "role", "VIEWER")).patch(url)
                .then().statusCode(200).body("role", equalTo("VIEWER"));

        problem(rep.api().body(Map.of("title", "After demotion", "columnId", board.column(0)))
                .post("/api/boards/" + board.id() + "/cards"), 403, "/problems/forbidden");
        rep.api().get("/api/me").then().statusCode(200)
                .body("teams.find { it.teamId == " + team.id() + " }.role", equalTo("VIEWER"));
        // Reading is still allowed.
        rep.api().get("/api/boards/" + board.id()).then().statusCode(200);
    }

    @Test
    void anotherTeamsMembersAreNotFound() {
        var mine = Fixture.team();
        var other = Fixture.team();
        Person leader = mine.member("LEADER");
        Person stranger = other.member("REP");
        String url = membersOf(other.id()) + "/" + stranger.memberId();

        problem(leader.api().get(membersOf(other.id())), 404, "/problems/not-found");
        problem(leader.api().get(url), 404, "/problems/not-found");
        problem(leader.api().body(newUser("REP")).post(membersOf(other.id())), 404, "/problems/not-found");
        problem(leader.api().body(Map.of("version", 0, "role", "VIEWER")).patch(url), 404, "/problems/not-found");
        // A member id of another team is not found through my own team either.
        problem(leader.api().get(membersOf(mine.id()) + "/" + stranger.memberId()), 404, "/problems/not-found");
    }

    @Test
    void meShowsTheCallerAndTheirTeams() {
        var team = Fixture.team();
        Person rep = team.member("REP", "HUNTER");

        JsonPath me = rep.api().get("/api/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getLong("userId")).isEqualTo(rep.userId());
        assertThat(me.getString("username")).isEqualTo(rep.username());
        assertThat(me.getString("displayName")).isEqualTo("Person " + rep.username());
        assertThat(me.getBoolean("admin")).isFalse();
        List<Map<String, Object>> teams = me.getList("teams");
        assertThat(teams).hasSize(1);
        assertThat(((Number) teams.get(0).get("memberId")).longValue()).isEqualTo(rep.memberId());
        assertThat(((Number) teams.get(0).get("teamId")).longValue()).isEqualTo(team.id());
        assertThat(teams.get(0).get("role")).isEqualTo("REP");
        assertThat(teams.get(0).get("salesRole")).isEqualTo("HUNTER");
    }

    @Test
    void meShowsTheAdminFlag() {
        admin().get("/api/me").then().statusCode(200)
                .body("username", equalTo(Fixture.ADMIN_USER))
                .body("admin", equalTo(true));
    }
}
