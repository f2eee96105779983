package dev.huddle.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC §4: the OpenAPI document and Swagger UI describe the whole API. */
@QuarkusTest
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Every /api path the code serves, in OpenAPI's template form. */
    private static final List<String> API_PATHS = List.of(
            "/api/me",
            "/api/teams",
            "/api/teams/{teamId}",
            "/api/teams/{teamId}/members",
            "/api/teams/{teamId}/members/{memberId}",
            "/api/teams/{teamId}/boards",
            "/api/teams/{teamId}/customers",
            "/api/boards/{boardId}",
            "/api/boards/{boardId}/columns",
            "/api/boards/{boardId}/columns/{columnId}",
            "/api/boards/{boardId}/cards",
            "/api/boards/{boardId}/events",
            "/api/cards/{cardId}",
            "/api/cards/{cardId}/move",
            "/api/cards/{cardId}/block",
            "/api/cards/{cardId}/unblock",
            "/api/cards/{cardId}/close",
            "/api/cards/{cardId}/reopen",
            "/api/cards/{cardId}/recycle",
            "/api/cards/{cardId}/history",
            "/api/cards/{cardId}/touchpoints",
            "/api/customers/{customerId}");

    private static Map<String, Map<String, Object>> paths() {
        return given().accept("application/json").queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).contentType(containsString("json"))
                .extract().jsonPath().getMap("paths");
    }

    @Test
    void documentListsEveryApiPath() {
        assertThat(paths().keySet()).containsAll(API_PATHS);
    }

    @Test
    void everyApiOperationHasASummary() {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (var path : paths().entrySet()) {
            if (!path.getKey().startsWith("/api")) {
                continue;
            }
            for (var operation : path.getValue().entrySet()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                operations++;
                @SuppressWarnings("unchecked")
                Object summary = ((Map<String, Object>) operation.getValue()).get("summary");
                if (!(summary instanceof String text) || text.isBlank()) {
                    missing.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(API_PATHS.size());
        assertThat(missing).as("operations without a summary").isEmpty();
    }

    /** The live stream answers with an open text/event-stream, which the document says (not "204 No Content"). */
    @Test
    @SuppressWarnings("unchecked")
    void theLiveStreamIsDocumentedAsAnEventStream() {
        var get = (Map<String, Object>) paths().get("/api/boards/{boardId}/events").get("get");
        var responses = (Map<String, Map<String, Object>>) get.get("responses");
        assertThat(responses).doesNotContainKey("204").containsKey("200");
        assertThat((Map<String, Object>) responses.get("200").get("content")).containsOnlyKeys("text/event-stream");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("swagger"));
    }
}
