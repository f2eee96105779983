package dev.huddle.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import dev.huddle.Fixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pages, browser login and the CSRF defence at the HTTP level (the browser suite covers the rest). */
@QuarkusTest
class PagesTest {

    /** Signs in through the login form as a browser does; returns the session cookie. */
    static String signIn(Fixture.Person who) {
        Response response = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", who.username()).formParam("j_password", who.password())
                .post("/j_security_check");
        response.then().statusCode(302);
        assertThat(response.header("Location")).endsWith("/");
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).contains("quarkus-credential=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        return response.getCookie("quarkus-credential");
    }

    @Test
    void anonymousPagesRedirectToLoginAndComeBackAfterSignIn() {
        var team = Fixture.team();
        var board = team.board("SALES");
        Response response = given().redirects().follow(false).get("/boards/" + board.id());
        assertThat(response.statusCode()).isIn(302, 303);
        assertThat(response.header("Location")).endsWith("/login");
        assertThat(response.header("Set-Cookie")).contains("quarkus-redirect-location=").contains("/boards/" + board.id());
        given().redirects().follow(false).get("/").then().statusCode(303);
    }

    @Test
    void loginPageHasTheFormQuarkusExpects() {
        given().get("/login").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("action=\"/j_security_check\""))
                .body(containsString("name=\"j_username\""))
                .body(containsString("name=\"j_password\""));
        given().get("/login?error=true").then().statusCode(200).body(containsString("Wrong username or password"));
        given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", "nobody").formParam("j_password", "wrong-password")
                .post("/j_security_check").then().statusCode(oneOf(302, 303))
                .header("Location", containsString("/login?error"));
    }

    @Test
    void homeListsMyTeamsAndBoardsWithTextEscaped() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        long boardId = leader.api().body(Map.of("name", "<b>Pipeline</b> & more", "kind", "SALES"))
                .post("/api/teams/" + team.id() + "/boards").then().statusCode(201).extract().jsonPath().getLong("id");
        String cookie = signIn(leader);
        given().cookie("quarkus-credential", cookie).get("/").then().statusCode(200)
                .body(containsString("&lt;b&gt;Pipeline&lt;/b&gt; &amp; more"))
                .body(not(containsString("<b>Pipeline</b>")))
                .body(containsString("href=\"/boards/" + boardId + "\""));
        given().cookie("quarkus-credential", cookie).get("/boards/" + boardId).then().statusCode(200)
                .body(containsString("data-board-id=\"" + boardId + "\""))
                .body(containsString("&lt;b&gt;Pipeline&lt;/b&gt;"))
                .body(containsString("/js/board.js"))
                .body(not(containsString("<script>")));
    }

    @Test
    void anotherTeamsBoardPageIsNotFound() {
        var board = Fixture.team().board("SALES");
        var outsider = Fixture.team().member("REP");
        given().cookie("quarkus-credential", signIn(outsider)).get("/boards/" + board.id()).then().statusCode(404);
    }

    @Test
    void theSessionCookieWorksForTheApiButChangesNeedTheCsrfHeader() {
        var team = Fixture.team();
        var leader = team.member("LEADER");
        var board = team.board(leader, "SALES");
        String cookie = signIn(leader);
        given().cookie("quarkus-credential", cookie).get("/api/boards/" + board.id()).then().statusCode(200);
        given().cookie("quarkus-credential", cookie).contentType(ContentType.JSON).body(Map.of("title", "Forged"))
                .post("/api/boards/" + board.id() + "/cards").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("X-Huddle-Csrf"));
        given().cookie("quarkus-credential", cookie).header("X-Huddle-Csrf", "1").contentType(ContentType.JSON)
                .body(Map.of("title", "Legit")).post("/api/boards/" + board.id() + "/cards").then().statusCode(201);
        leader.api().body(Map.of("title", "Basic needs no header")).post("/api/boards/" + board.id() + "/cards")
                .then().statusCode(201);
        assertThat(leader.api().get("/api/boards/" + board.id() + "/cards").then().extract().jsonPath()
                .getList("title", String.class)).containsExactlyInAnyOrder("Legit", "Basic needs no header");
    }

    @Test
    void theApiNeverRedirectsAndThePagesOwnScriptsGetNoPasswordDialog() {
        given().redirects().follow(false).get("/api/me").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        Response fromScript = given().redirects().follow(false).header("X-Huddle-Csrf", "1").get("/api/me");
        assertThat(fromScript.statusCode()).isEqualTo(401);
        assertThat(fromScript.header("WWW-Authenticate")).isNull();
    }

    @Test
    void logoutEndsTheSession() {
        var person = Fixture.team().member("VIEWER");
        String cookie = signIn(person);
        given().redirects().follow(false).cookie("quarkus-credential", cookie).get("/logout").then().statusCode(303)
                .header("Set-Cookie", containsString("quarkus-credential=;"))
                .header("Location", containsString("/login"));
    }
}
