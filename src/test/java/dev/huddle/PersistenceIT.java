package dev.huddle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.live.SseClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged application as the README does (H2 file database under a data directory, demo mode on) and
 * restarts it on the same directory: after a clean stop and after kill -9, every acknowledged write is still there.
 */
class PersistenceIT {
    private Path dataDir;
    private Process process;
    private int port;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeFalse(PostgresTestDatabase.enabled(),
                "The embedded-database restart tests run in the default (H2) build, not with -Ppostgresql");
        dataDir = Files.createTempDirectory("huddle-it");
    }

    @AfterEach
    void tearDown() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void dataSurvivesARestartAndDemoIsSeededOnce() throws Exception {
        start();
        assertThat(log()).contains("lena", "huddle-demo", "http://localhost:" + port + "/");
        RequestSpecification lena = as("lena");
        long teamId = lena.get("/api/me").then().statusCode(200).extract().jsonPath().getLong("teams[0].teamId");
        long boardId = lena.get("/api/teams/" + teamId + "/boards").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.kind == 'SALES' }.id");
        long cardId = lena.body(Map.of("title", "Survives restarts")).post("/api/boards/" + boardId + "/cards")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        int cardsBefore = lena.get("/api/boards/" + boardId).then().extract().jsonPath().getList("cards").size();

        stop(false);
        start();

        RequestSpecification again = as("lena");
        again.get("/api/cards/" + cardId).then().statusCode(200);
        assertThat(again.get("/api/boards/" + boardId).then().extract().jsonPath().getList("cards")).hasSize(cardsBefore);
        assertThat(again.get("/api/teams").then().extract().jsonPath().getList("id")).hasSize(1);
    }

    @Test
    void noAcknowledgedWriteIsLostOnKill9() throws Exception {
        start();
        RequestSpecification lena = as("lena");
        long teamId = lena.get("/api/me").then().statusCode(200).extract().jsonPath().getLong("teams[0].teamId");
        long boardId = lena.get("/api/teams/" + teamId + "/boards").then().extract().jsonPath()
                .getLong("find { it.kind == 'IMPROVEMENT' }.id");
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            acknowledged.add(as("lena").body(Map.of("title", "Idea " + i)).post("/api/boards/" + boardId + "/cards")
                    .then().statusCode(201).extract().jsonPath().getLong("id"));
        }

        stop(true);
        start();

        List<Long> ids = as("lena").get("/api/boards/" + boardId + "/cards?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
        assertThat(ids).containsAll(acknowledged);
    }

    @Test
    void shutdownEndsEventStreamsWithAReconnectHint() throws Exception {
        start();
        long teamId = as("lena").get("/api/me").then().statusCode(200).extract().jsonPath().getLong("teams[0].teamId");
        long boardId = as("lena").get("/api/teams/" + teamId + "/boards").then().extract().jsonPath()
                .getLong("find { it.kind == 'SALES' }.id");
        try (SseClient stream = SseClient.open("http://localhost:" + port + "/api/boards/" + boardId + "/events",
                "lena", "huddle-demo", null)) {
            assertThat(stream.comments.poll(10, TimeUnit.SECONDS)).isEqualTo("connected");
            process.destroy();
            assertThat(stream.comments.poll(10, TimeUnit.SECONDS)).isEqualTo("closing");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            process = null;
        }
        assertThat(log()).contains("stopped in");
    }

    private RequestSpecification as(String user) {
        return given().port(port).auth().preemptive().basic(user, "huddle-demo").contentType(ContentType.JSON);
    }

    private String log() throws IOException {
        return Files.readString(dataDir.resolve("huddle.log"));
    }

    private void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String runner = System.getProperty("huddle.runner", "target/quarkus-app/quarkus-run.jar");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhuddle.demo=true", "-Dhuddle.data-dir=" + dataDir, "-Dquarkus.http.port=" + port,
                "-Dhuddle.admin.password=it-admin-secret", "-jar", runner)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("huddle.log").toFile()))
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> given().port(port).get("/q/health/ready").statusCode() == 200);
    }

    private void stop(boolean kill) throws InterruptedException {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        process = null;
    }
}
