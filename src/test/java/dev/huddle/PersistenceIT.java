package dev.huddle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.huddle.live.SseClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        long boardId = demoBoard("SALES");
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
    void noAcknowledgedWriteIsLostOnKill9MidLoad() throws Exception {
        start();
        long boardId = demoBoard("IMPROVEMENT");
        List<Long> columns = columns(boardId);

        // Group commit stays on once concurrent requests have opened more connections (H2 runs URL settings again
        // on each): then every sequential write is written by the wait for it, none by H2 at commit.
        ExecutorService burst = Executors.newFixedThreadPool(8);
        List<Future<?>> burstWrites = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            burstWrites.add(burst.submit(() -> as("lena").body(Map.of("title", "Burst " + n))
                    .post("/api/boards/" + boardId + "/cards").then().statusCode(201)));
        }
        for (Future<?> write : burstWrites) {
            write.get(60, TimeUnit.SECONDS);
        }
        burst.shutdown();
        double[] before = commits();
        for (int i = 0; i < 20; i++) {
            as("lena").body(Map.of("title", "One by one " + i)).post("/api/boards/" + boardId + "/cards")
                    .then().statusCode(201);
        }
        double[] after = commits();
        assertThat(after[0] - before[0]).as("durable commits").isEqualTo(20);
        assertThat(after[1] - before[1]).as("writes made by the waits").isEqualTo(20);

        // Writers add cards and each moves a card of its own back and forth, until the server is killed under them.
        int writers = 6;
        Queue<Long> created = new ConcurrentLinkedQueue<>();
        Map<Long, Map<String, Object>> lastMove = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        Queue<Throwable> failedBeforeKill = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            pool.execute(() -> {
                try {
                    long own = as("lena").body(Map.of("title", "Mover " + writer)).post("/api/boards/" + boardId + "/cards")
                            .then().statusCode(201).extract().jsonPath().getLong("id");
                    long version = 0;
                    for (int i = 0; ; i++) {
                        long id = as("lena").body(Map.of("title", "Idea " + writer + "-" + i))
                                .post("/api/boards/" + boardId + "/cards")
                                .then().statusCode(201).extract().jsonPath().getLong("id");
                        created.add(id);
                        acknowledged.incrementAndGet();
                        var moved = as("lena").body(Map.of("version", version, "toColumnId", columns.get(1 + i % 2)))
                                .post("/api/cards/" + own + "/move").then().statusCode(200).extract().jsonPath();
                        version = moved.getLong("version");
                        lastMove.put(own, Map.of("version", version, "columnId", moved.getLong("columnId")));
                        acknowledged.incrementAndGet();
                    }
                } catch (Exception | AssertionError e) {
                    // After the kill: the server went away mid-request, which is unacknowledged. Before: a failure.
                    if (!killed.get()) {
                        failedBeforeKill.add(e);
                    }
                }
            });
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 300);
        // Under load too, the waits make the writes; one write can cover several commits, never the reverse.
        double[] underLoad = commits();
        assertThat(underLoad[1] - after[1]).isPositive().isLessThanOrEqualTo(underLoad[0] - after[0]);
        killed.set(true);
        stop(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failedBeforeKill).isEmpty();
        start();

        List<Long> ids = as("lena").get("/api/boards/" + boardId + "/cards?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
        assertThat(ids).containsAll(created);
        lastMove.forEach((card, move) -> {
            var now = as("lena").get("/api/cards/" + card).then().statusCode(200).extract().jsonPath();
            // The last acknowledged move, or one more that landed without its answer arriving.
            long version = (Long) move.get("version");
            assertThat(now.getLong("version")).isBetween(version, version + 1);
            if (now.getLong("version") == version) {
                assertThat(now.getLong("columnId")).isEqualTo(move.get("columnId"));
            }
        });
    }

    /**
     * Every write to disk puts H2's changed pages in a new chunk and leaves the old ones partly dead. Unless dead
     * chunks are reused soon and mostly dead ones compacted (DurableCommits), the file grows with every move: with
     * H2's own 45 s retention and no compaction it grew by 87 MB in this test, with them by 11 MB.
     */
    @Test
    void theFileStaysSmallUnderSustainedMoves() throws Exception {
        start();
        long boardId = demoBoard("IMPROVEMENT");
        List<Long> columns = columns(boardId);
        Path file = dataDir.resolve("huddle.mv.db");
        long before = Files.size(file);
        // The JDK's client: REST Assured's per-request cost would make this a two-minute test.
        HttpClient http = HttpClient.newHttpClient();
        String basic = Fixture.basicAuthorization("lena", "huddle-demo");
        Pattern version = Pattern.compile("\"version\":(\\d+)");
        int writers = 4;
        int moves = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                long card = as("lena").body(Map.of("title", "Churn " + writer)).post("/api/boards/" + boardId + "/cards")
                        .then().statusCode(201).extract().jsonPath().getLong("id");
                long current = 0;
                for (int i = 0; i < moves; i++) {
                    HttpResponse<String> moved = http.send(HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + "/api/cards/" + card + "/move"))
                            .header("Authorization", basic).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + current + ",\"toColumnId\":"
                                    + columns.get(1 + i % 2) + "}")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
                    Matcher m = version.matcher(moved.body());
                    assertThat(m.find()).isTrue();
                    current = Long.parseLong(m.group(1));
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(Files.size(file) - before).as("growth of the database file after %d moves", writers * moves)
                .isLessThan(40L * 1024 * 1024);
    }

    @Test
    void shutdownEndsEventStreamsWithAReconnectHint() throws Exception {
        start();
        long boardId = demoBoard("SALES");
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

    /** The demo team's board of that kind, as lena sees it. */
    private long demoBoard(String kind) {
        long teamId = as("lena").get("/api/me").then().statusCode(200).extract().jsonPath().getLong("teams[0].teamId");
        return as("lena").get("/api/teams/" + teamId + "/boards").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.kind == '" + kind + "' }.id");
    }

    private List<Long> columns(long boardId) {
        return as("lena").get("/api/boards/" + boardId).then().statusCode(200).extract().jsonPath()
                .getList("columns.id", Long.class);
    }

    private RequestSpecification as(String user) {
        return given().port(port).auth().preemptive().basic(user, "huddle-demo").contentType(ContentType.JSON);
    }

    /** The server's durable write transactions and the embedded database's writes to disk made for them. */
    private double[] commits() {
        String metrics = given().port(port).get("/q/metrics").then().statusCode(200).extract().asString();
        return new double[] {Fixture.metric(metrics, "huddle_db_commits_durable_total"),
                Fixture.metric(metrics, "huddle_db_commits_writes_total")};
    }

    private String log() throws IOException {
        return Files.readString(dataDir.resolve("huddle.log"));
    }

    private void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String runner = Fixture.runnerJar();
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
