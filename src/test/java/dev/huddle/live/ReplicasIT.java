package dev.huddle.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.Fixture;
import dev.huddle.PostgresTestDatabase;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * Two replicas of the PostgreSQL build on one database: a move through replica A reaches a subscriber on replica
 * B, also after B's listening connection was killed with pg_terminate_backend (SPEC §5, issue: production).
 */
class ReplicasIT {
    private String database;
    private final List<Process> processes = new ArrayList<>();
    private Path logs;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(PostgresTestDatabase.enabled(), "Replica tests run with -Ppostgresql only");
        database = PostgresTestDatabase.create("huddle_replicas");
        logs = Files.createTempDirectory("huddle-replicas");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process process : processes) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        if (database != null) {
            PostgresTestDatabase.drop(database);
        }
    }

    private int start(String name, boolean demo) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String runner = Fixture.runnerJar();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhuddle.demo=" + demo, "-Dquarkus.http.port=" + port, "-Dhuddle.admin.password=replica-admin",
                "-Dquarkus.http.auth.session.encryption-key=replica-test-session-key-0123456789",
                "-jar", runner)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", PostgresTestDatabase.serverUrl() + database);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", PostgresTestDatabase.user());
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", PostgresTestDatabase.password());
        processes.add(builder.start());
        int ready = port;
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> given().port(ready).get("/q/health/ready").statusCode() == 200);
        return port;
    }

    private static RequestSpecification lena(int port) {
        return given().port(port).auth().preemptive().basic("lena", "huddle-demo").contentType(ContentType.JSON);
    }

    @Test
    void aMoveOnOneReplicaReachesASubscriberOnAnotherEvenAfterItsListenerWasKilled() throws Exception {
        int a = start("a", true);
        int b = start("b", false);
        long teamId = lena(a).get("/api/me").then().statusCode(200).extract().jsonPath().getLong("teams[0].teamId");
        var boards = lena(a).get("/api/teams/" + teamId + "/boards").then().extract().jsonPath();
        long boardId = boards.getLong("find { it.kind == 'SALES' }.id");
        var snapshot = lena(b).get("/api/boards/" + boardId).then().statusCode(200).extract().jsonPath();
        long cardId = snapshot.getLong("cards[0].id");
        List<Long> columns = snapshot.getList("columns.id", Long.class);

        try (SseClient onB = SseClient.open("http://localhost:" + b + "/api/boards/" + boardId + "/events",
                "lena", "huddle-demo", null)) {
            assertThat(onB.status).isEqualTo(200);
            assertThat(onB.comments.poll(10, TimeUnit.SECONDS)).isEqualTo("connected");

            long version = lena(a).get("/api/cards/" + cardId).then().extract().jsonPath().getLong("version");
            var moved = lena(a).body(Map.of("version", version, "toColumnId", columns.get(3)))
                    .post("/api/cards/" + cardId + "/move").then().statusCode(200).extract().jsonPath();
            SseClient.Event first = onB.next(Duration.ofSeconds(5));
            assertThat(first).as("a move on A reaches B").isNotNull();
            assertThat(first.name()).isEqualTo("card.moved");
            assertThat(first.data()).contains("\"columnId\":" + columns.get(3));

            int killed = terminate("huddle-relay");
            assertThat(killed).as("listener connections terminated").isGreaterThanOrEqualTo(2);

            var again = lena(a).body(Map.of("version", moved.getLong("version"), "toColumnId", columns.get(4)))
                    .post("/api/cards/" + cardId + "/move").then().statusCode(200).extract().jsonPath();
            SseClient.Event second = onB.next(Duration.ofSeconds(15));
            assertThat(second).as("after the listener was killed, B reconnects and catches up").isNotNull();
            assertThat(second.seq()).isEqualTo(first.seq() + 1);
            assertThat(second.data()).contains("\"version\":" + again.getLong("version"));
        }
    }

    @Test
    void readinessFailsWhileTheDatabaseIsUnreachableAndRecovers() throws Exception {
        int port = start("ready", false);
        given().port(port).get("/q/health/ready").then().statusCode(200);
        admin("alter database " + database + " allow_connections false");
        try {
            terminate("%");
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> given().port(port).get("/q/health/ready").statusCode() == 503);
            given().port(port).get("/q/health/live").then().statusCode(200);
        } finally {
            admin("alter database " + database + " allow_connections true");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().port(port).get("/q/health/ready").statusCode() == 200);
    }

    private static void admin(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(PostgresTestDatabase.serverUrl() + "postgres",
                PostgresTestDatabase.user(), PostgresTestDatabase.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Terminates this database's connections whose application_name is like the pattern. */
    private int terminate(String applicationName) throws Exception {
        try (Connection connection = DriverManager.getConnection(PostgresTestDatabase.serverUrl() + "postgres",
                PostgresTestDatabase.user(), PostgresTestDatabase.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                     + "where application_name like '" + applicationName + "' and datname = '" + database + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
