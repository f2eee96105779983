package dev.huddle.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * SPEC §9 benchmarks, side by side in one run: starts the packaged Huddle (embedded H2 file database, the JVM
 * options of the k8s manifests) and measures the no-op HTTP ceiling, card moves, board snapshot and page, SSE
 * fan-out, startup to ready and RSS, each figure the median of several runs, plus scale curves. Writes a markdown
 * table to target/benchmarks.md. Run with {@code ./mvnw -B -Pbench verify}.
 */
public final class Benchmarks {
    /** The memory limit, JVM options and environment of a replica in k8s/huddle.yaml (read from it). */
    final Replica replica;
    static final String PASSWORD = "bench-password-1";
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    /** What a browser's fetch sends (Chromium's list). */
    static final String GZIP = "Accept-Encoding: gzip, deflate, br, zstd\r\n";

    final int runs = Integer.getInteger("bench.runs", 3);
    /** Comma-separated subset of: ceiling, moves, snapshot, fanout (default: all). */
    final List<String> only = List.of(System.getProperty("bench.only", "ceiling,moves,snapshot,fanout").split(","));
    /** Extra server options for experiments, e.g. -Dbench.server-options="-Dsome.key=value". */
    final List<String> serverOptions = System.getProperty("bench.server-options", "").isBlank() ? List.of()
            : List.of(System.getProperty("bench.server-options").trim().split("\\s+"));
    /** The client counts of the moves scale curve (fewer for quick experiments, e.g. -Dbench.clients=16). */
    final int[] moveClients = Arrays.stream(System.getProperty("bench.clients", "1,4,16,64").split(","))
            .mapToInt(c -> Integer.parseInt(c.trim())).toArray();
    final Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 3));
    final Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
    final Duration prewarm = Duration.ofSeconds(Long.getLong("bench.prewarm", 60));
    final Duration prewarmMax = Duration.ofSeconds(Long.getLong("bench.prewarm-max", 360));
    /** How long the pre-warm took, and the share of a core the compiler threads used in its last round. */
    Duration prewarmed = Duration.ZERO;
    double compilerShare = Double.NaN;
    final Path jar = Path.of(System.getProperty("bench.jar", "target/huddle-runner.jar"));
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(10)).build();
    /** The connection of each load client's thread (see {@link #connection}). */
    final ThreadLocal<HttpConnection> connections = new ThreadLocal<>();
    final List<String[]> rows = new ArrayList<>();
    Process server;
    /** The AppCDS archive of the training run. */
    Path archive;
    int port;
    /** The running server's GC log. */
    Path gcLog;
    String base;
    String auth;

    Benchmarks() throws IOException {
        replica = Replica.fromManifest();
    }

    public static void main(String[] args) throws Exception {
        new Benchmarks().run();
        System.exit(0);
    }

    /**
     * {@code cpuPerOp}: the server's CPU time (user + system) per completed request, in ms; NaN where not measured.
     * {@code gc}: the server's stop-the-world GC pauses while measuring.
     * {@code commitsPerWrite}: write transactions per write to disk of the embedded database (NaN: none written).
     * {@code heap}: what the server's requests left to its collector (unmeasured for the fan-out).
     * {@code failures}: the failed requests of the measured seconds by answer (HTTP status or the driver's exception).
     */
    record Stats(double perSecond, double p50, double p99, long ok, long failed, double cpuPerOp, GcPauses gc,
                 double commitsPerWrite, HeapFlow heap, Map<String, Long> failures) {
        /** This run's figures with {@code ok}, {@code failed} and {@code failures} counted over all {@code runs}. */
        Stats countedOver(List<Stats> runs) {
            Map<String, Long> all = new TreeMap<>();
            runs.forEach(run -> run.failures().forEach((answer, count) -> all.merge(answer, count, Long::sum)));
            return new Stats(perSecond, p50, p99, runs.stream().mapToLong(Stats::ok).sum(),
                    runs.stream().mapToLong(Stats::failed).sum(), cpuPerOp, gc, commitsPerWrite, heap, all);
        }

        /** What failed, by answer, for a row's text: empty if nothing did. */
        String failedAnswers() {
            return failures.isEmpty() ? "" : failures.entrySet().stream()
                    .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ", " (", ")"));
        }
    }

    /**
     * Heap the server allocated and promoted into its old generation per request, in KB, from the collector's own
     * counts (Micrometer's jvm.gc.memory.allocated and jvm.gc.memory.promoted, which grow at each collection). They
     * depend less on the host's speed than throughput does; what is promoted fills the old generation, and each time
     * it is full a full collection stops the server.
     */
    record HeapFlow(double allocatedKb, double promotedKb) {
        static final HeapFlow UNMEASURED = new HeapFlow(Double.NaN, Double.NaN);

        @Override
        public String toString() {
            return Double.isNaN(allocatedKb) ? "" : String.format(Locale.ROOT,
                    "; heap allocated %s KB, promoted %s KB a request", fmt(allocatedKb), fmt(promotedKb));
        }
    }

    /** Stop-the-world collector pauses that ended in a measured window: how many, and the longest. */
    record GcPauses(int count, double longestMillis) {
        @Override
        public String toString() {
            return count == 0 ? "no GC pause" : String.format(Locale.ROOT, "GC: %d pause%s, longest %s ms", count,
                    count == 1 ? "" : "s", fmt(longestMillis));
        }
    }

    /** A pause line of the server's GC log ({@code -Xlog:gc:…:timenanos}): when it ended, and how long it took. */
    static final Pattern GC_PAUSE = Pattern.compile("^\\[(\\d+)ns\\] GC\\(\\d+\\) Pause .* (\\d+(?:\\.\\d+)?)ms$");

    void run() throws Exception {
        Path data = Files.createTempDirectory("huddle-bench");
        double speedBefore = speedCheck();
        archive = data.resolve("app-cds.jsa");
        train();
        List<Double> startups = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            startups.add(start(data));
            if (i < runs - 1) {
                stop();
            }
        }
        row("Startup to ready (process start → /q/health/ready 200)", fmt(median(startups)) + " ms (starts: "
                + startups.stream().map(Benchmarks::fmt).collect(Collectors.joining(", ")) + " ms)", "≤ 3,000 ms");
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        long teamId = id(post("/api/teams", "{\"name\":\"Bench " + System.nanoTime() + "\"}"));
        post("/api/teams/" + teamId + "/members", "{\"username\":\"bench\",\"displayName\":\"Bench Leader\","
                + "\"role\":\"LEADER\",\"password\":\"" + PASSWORD + "\"}");
        auth = "Basic " + Base64.getEncoder().encodeToString(("bench:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        prewarm(teamId);

        // The highest RSS while the rows are measured: what a memory limit has to leave room for.
        AtomicLong peakRssKb = new AtomicLong();
        ScheduledExecutorService rssSampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        rssSampler.scheduleAtFixedRate(() -> {
            try {
                peakRssKb.accumulateAndGet(rssKilobytes(), Math::max);
            } catch (IOException serverGone) {
                // the rows fail on their own if the server has gone
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        // 1. The no-op HTTP ceiling of this client on this machine.
        if (only.contains("ceiling")) {
            ceiling();
        }
        if (only.contains("moves")) {
            moves(teamId);
        }
        if (only.contains("snapshot")) {
            snapshots(teamId);
        }
        if (only.contains("fanout")) {
            fanouts(teamId);
        }
        // As the last load ends the server is still at its work: closing the clients' connections (2,000 subscribers'
        // after the fan-out) and, on its JIT compiler threads, compiling what that load made hot. C2's working memory
        // comes and goes with each compilation (up to 42 MB within a second in the twenty-first session's traces),
        // so this reading is a sample of that swing.
        double asLoadEnded = rssMegabytes();
        rssSampler.shutdownNow();
        row("Highest RSS while the rows were measured (sampled every 0.1 s)", fmt(peakRssKb.get() / 1024.0) + " MB",
                "(reference)");
        row("RSS as the last load ended", fmt(asLoadEnded) + " MB", "(reference)");
        // After the benchmark: once the compilers have been idle long enough for their working memory to be back in
        // the C heap (HotSpot pools a finished compilation's arena chunks for up to 5 s) and trimmed (every second
        // with the k8s options), what the process keeps.
        long quietFrom = System.nanoTime();
        boolean idle = awaitCompilersIdle(Duration.ofSeconds(6), Duration.ofSeconds(60));
        row(String.format(Locale.ROOT, "RSS after the benchmark, at rest (the JIT compilers %s; %.1f s after the last "
                        + "load)", idle ? "idle for 6 s" : "still not idle for 6 s", (System.nanoTime() - quietFrom) / 1e9),
                fmt(rssMegabytes()) + " MB", "≤ 350 MB");
        // What the file holds beside the data: chunks H2 has not reused or compacted yet (DurableCommits).
        row("Database file after the benchmark (huddle.mv.db)",
                fmt(Files.size(data.resolve("huddle.mv.db")) / 1048576.0) + " MB", "(reference)");
        row("Machine speed check (reference loop, 1 thread, best of 5; lower is faster)",
                String.format(Locale.ROOT, "%.0f ms before, %.0f ms after", speedBefore, speedCheck()),
                "(the host's speed while measuring)");
        if (Boolean.getBoolean("bench.nmt")) {
            // Needs -Dbench.server-options=-XX:NativeMemoryTracking=summary
            new ProcessBuilder("jcmd", Long.toString(server.pid()), "VM.native_memory", "summary").inheritIO().start().waitFor();
        }
        stop();
        report();
    }

    void ceiling() throws Exception {
        Stats ceiling = median(() -> load(16, i -> () -> fetch("/q/health/live")));
        row("No-op ceiling: GET /q/health/live, 16 clients", rate(ceiling), "(reference)");
    }

    void moves(long teamId) throws Exception {
        // 2. Card moves, 16 clients, each moving its own card between two columns with its current version.
        for (int clients : moveClients) {
            Stats moves = median(() -> moves(teamId, clients));
            row("Card moves, " + clients + " client" + (clients == 1 ? "" : "s"), rate(moves),
                    clients == 16 ? "≥ 2,000/s, p99 ≤ 25 ms, 0 errors" : "(scale curve)");
        }
        // The same on an old board: closed cards keep their column, and a move reads its target column's last rank.
        long old = boardWithClosed(teamId, 2000);
        Stats moves = median(() -> load(16, moveSteps(old, 16)));
        row("Card moves, 16 clients, between columns holding 2,000 closed cards each", rate(moves),
                "(an old board)");
        // The same load spread over 16 boards: no two moves wait for one board's event seq (its row lock).
        Stats spread = median(() -> load(16, ownBoards(teamId, 16)));
        row("Card moves, 16 clients, each on a board of its own", rate(spread), "(no shared board)");
    }

    /** Each client moves a card of its own between the first two columns of a new board of its own. */
    IntFunction<Step> ownBoards(long teamId, int clients) throws Exception {
        long[] boards = new long[clients];
        for (int i = 0; i < clients; i++) {
            boards[i] = newBoard(teamId, "Own " + i);
        }
        return moveSteps(boards);
    }

    void snapshots(long teamId) throws Exception {
        // 3. Board snapshot and page.
        for (int cards : new int[] {100, 1000, 5000}) {
            long boardId = boardWith(teamId, cards);
            String label = "Board snapshot, " + String.format(Locale.ROOT, "%,d", cards) + " open cards, 1 client";
            // Each read follows a move on the board (not timed), so it is read from the database, not the kept one.
            Step move = cardMover(boardId, "Spare");
            Stats changed = median(() -> load(1, i -> prepared(move, () -> fetch("/api/boards/" + boardId))));
            row(label + ", after a change", latency(changed) + " (CPU and heap include the move)",
                    cards == 1000 ? "p50 ≤ 20 ms" : "(scale curve)");
            if (cards == 1000) {
                checkGzip(boardId);
                Stats gzipped = median(() -> load(1, i -> prepared(move, () -> fetchGzip("/api/boards/" + boardId))));
                row(label + ", after a change, gzip (as browsers ask for it)",
                        latency(gzipped) + " (CPU and heap include the move)", "(the compression's cost)");
            }
            Stats kept = median(() -> load(1, i -> () -> fetch("/api/boards/" + boardId)));
            row(label + ", unchanged (kept snapshot)", latency(kept), "(scale curve)");
            if (cards == 1000) {
                String cookie = signedIn();
                Stats page = median(() -> load(1, i -> () -> connection().exchange("GET", "/boards/" + boardId,
                        "Cookie: " + cookie + "\r\n", null, false).status()));
                row("Board page, 1,000 cards, 1 client", latency(page), "p50 ≤ 40 ms");
            }
        }
        // As Kanboard was measured: all tasks of a 500-task project, read concurrently.
        long boardId = boardWith(teamId, 500);
        Stats reads = median(() -> load(16, i -> () -> fetch("/api/boards/" + boardId)));
        row("Board snapshot, 500 open cards, 16 clients, unchanged", rate(reads), "(Kanboard: 163–363 reads/s)");
        checkGzip(boardId);
        Stats gzipReads = median(() -> load(16, i -> () -> fetchGzip("/api/boards/" + boardId)));
        row("Board snapshot, 500 open cards, 16 clients, unchanged, gzip (as browsers ask for it)", rate(gzipReads),
                "(Kanboard: 163–363 reads/s)");
        Step move = cardMover(boardId, "Spare");
        Stats changing = median(() -> load(16, i -> i == 0 ? move : () -> fetch("/api/boards/" + boardId)));
        row("Board snapshot, 500 open cards, 15 readers + 1 client moving a card on it", rate(changing),
                "(moves and reads together)");
    }

    /** Adds a card to the board and returns a step that moves it between the first two columns, with its version. */
    Step cardMover(long boardId, String title) throws Exception {
        List<Long> columns = columns(boardId);
        long card = id(post("/api/boards/" + boardId + "/cards", "{\"title\":\"" + title + "\",\"columnId\":"
                + columns.get(0) + "}"));
        long[] version = {0};
        int[] side = {0};
        return () -> {
            HttpConnection.Response response = connection().post("/api/cards/" + card + "/move",
                    "{\"version\":" + version[0] + ",\"toColumnId\":" + columns.get(1 - side[0]) + "}");
            if (response.status() == 200) {
                Matcher m = VERSION.matcher(response.text());
                m.find();
                version[0] = Long.parseLong(m.group(1));
                side[0] = 1 - side[0];
            }
            return response.status();
        };
    }

    void fanouts(long teamId) throws Exception {
        // 4. Live fan-out: a move reaches every subscriber.
        for (int subscribers : new int[] {50, 500, 2000}) {
            Stats fanout = median(() -> fanout(teamId, subscribers));
            row("SSE fan-out, " + String.format(Locale.ROOT, "%,d", subscribers) + " subscribers, 20 moves",
                    String.format(Locale.ROOT, "p50 %s ms, p99 %s ms, delivered %d of %d; server %s", fmt(fanout.p50()),
                            fmt(fanout.p99()), fanout.ok(), fanout.ok() + fanout.failed(), fanout.gc()),
                    subscribers == 500 ? "p99 ≤ 200 ms, all delivered" : "(scale curve)");
        }
    }

    // ---- Server ------------------------------------------------------------------------------------------------

    /**
     * The AppCDS training run of docs/operations.md: start, serve a few requests, stop; the JVM writes the classes it
     * loaded to the archive that every later start maps.
     */
    void train() throws Exception {
        Path training = Files.createTempDirectory("huddle-cds-training");
        start(training, List.of("-XX:ArchiveClassesAtExit=" + archive), List.of());
        get("/login").statusCode();
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        get("/api/me").statusCode();
        auth = null;
        stop();
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no AppCDS archive written; see " + training.resolve("huddle.log"));
        }
    }

    double start(Path data) throws Exception {
        return start(data, List.of("-XX:SharedArchiveFile=" + archive), serverOptions);
    }

    /** Starts the server; {@code extra} options (-Dbench.server-options) are left out of the training run. */
    double start(Path data, List<String> cds, List<String> extra) throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(replica.jvmOptions());
        command.addAll(cds);
        command.addAll(extra);
        // Pause times for the report; timenanos is the monotonic clock System.nanoTime() reads here too.
        gcLog = data.resolve("gc-" + port + ".log");
        command.add("-Xlog:gc:file=" + gcLog + ":timenanos");
        command.addAll(List.of("-Dhuddle.data-dir=" + data, "-Dquarkus.http.port=" + port,
                "-Dhuddle.admin.password=" + PASSWORD, "-jar", jar.toString()));
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("huddle.log").toFile()));
        builder.environment().putAll(replica.environment());
        server = builder.start();
        while (true) {
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return (System.nanoTime() - started) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!server.isAlive() || System.nanoTime() - started > TimeUnit.MINUTES.toNanos(2)) {
                server.destroyForcibly();
                throw new IllegalStateException("Huddle did not get ready; see " + data.resolve("huddle.log"));
            }
            Thread.sleep(20);
        }
    }

    void stop() throws InterruptedException {
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * The server's CPU time so far (user + system, from /proc). CPU per request depends less than throughput on
     * what else the host is running, so it is the better figure to compare between runs on a shared machine.
     */
    double serverCpuMillis() throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"))) * 10.0;
    }

    /** The server's GC pauses that ended between two System.nanoTime() readings. */
    GcPauses gcPauses(long fromNanos, long toNanos) throws IOException {
        int count = 0;
        double longest = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher pause = GC_PAUSE.matcher(line);
            if (pause.matches()) {
                long at = Long.parseLong(pause.group(1));
                if (at >= fromNanos && at <= toNanos) {
                    count++;
                    longest = Math.max(longest, Double.parseDouble(pause.group(2)));
                }
            }
        }
        return new GcPauses(count, longest);
    }

    /** User + system CPU time in a proc(5) stat line (of a process or a thread), in clock ticks of 10 ms. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of proc(5) (utime, stime), counted from after the command name.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * A fixed single-threaded CPU task in this (driver) JVM: its time shows how fast the host was while the figures
     * were taken, so runs on different or busy machines can be told apart.
     */
    static double speedCheck() {
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            long[] values = new long[1 << 20];
            long x = 88172645463325252L + round;
            for (int pass = 0; pass < 8; pass++) {
                for (int i = 0; i < values.length; i++) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    values[i] = x;
                }
                Arrays.sort(values);
                sink += values[values.length / 2];
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        if (sink == 42) {
            System.out.println();
        }
        return best;
    }

    double rssMegabytes() throws IOException {
        return rssKilobytes() / 1024.0;
    }

    /** The server's resident set ({@code VmRSS} in /proc), in KB. */
    long rssKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + server.pid() + "/status");
    }

    // ---- Scenarios ---------------------------------------------------------------------------------------------

    Stats moves(long teamId, int clients) throws Exception {
        return load(clients, moveSteps(newBoard(teamId, "Moves"), clients));
    }

    /** A new, empty sales board of the team: its id. */
    long newBoard(long teamId, String name) throws Exception {
        return id(post("/api/teams/" + teamId + "/boards", "{\"name\":\"" + name + "\",\"kind\":\"SALES\"}"));
    }

    /** Each client moves a card of its own, new on the board, between the board's first two columns. */
    IntFunction<Step> moveSteps(long boardId, int clients) throws Exception {
        long[] boards = new long[clients];
        Arrays.fill(boards, boardId);
        return moveSteps(boards);
    }

    /** Client {@code i} moves a card of its own, new on {@code boards[i]}, between that board's first two columns. */
    IntFunction<Step> moveSteps(long[] boards) throws Exception {
        Step[] movers = new Step[boards.length];
        for (int i = 0; i < boards.length; i++) {
            movers[i] = cardMover(boards[i], "Deal " + i);
        }
        return i -> movers[i];
    }

    /**
     * Brings the server to its steady state before anything is measured: on a 2-core machine the JIT compiler keeps
     * a core busy for the first minutes of load, which no long-running server shows. 16 clients: three in four move
     * cards, one in four reads a 100-card board; at least {@code bench.prewarm} seconds, then on in 10 s rounds until
     * the server's compiler threads used less than a tenth of a core in a round (at most {@code bench.prewarm-max}).
     */
    void prewarm(long teamId) throws Exception {
        if (prewarm.isZero()) {
            return;
        }
        IntFunction<Step> moves = moveSteps(newBoard(teamId, "Pre-warm"), 16);
        long boardId = boardWith(teamId, 100);
        IntFunction<Step> mixed = i -> i % 4 == 3 ? () -> fetch("/api/boards/" + boardId) : moves.apply(i);
        long started = System.nanoTime();
        load(16, mixed, prewarm, Duration.ZERO);
        Duration round = Duration.ofSeconds(10);
        while (true) {
            Map<String, Long> before = compilerTicks();
            load(16, mixed, round, Duration.ZERO);
            Map<String, Long> after = compilerTicks();
            long ticks = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
            compilerShare = ticks * 10.0 / round.toMillis();
            prewarmed = Duration.ofNanos(System.nanoTime() - started);
            if (compilerShare < 0.1 || prewarmed.compareTo(prewarmMax) >= 0) {
                return;
            }
        }
    }

    /**
     * Waits until the server's JIT compiler threads have used no CPU for {@code idle} (polled every 250 ms; their CPU
     * time counts in 10 ms ticks), or {@code max} has passed. Whether they went idle.
     */
    boolean awaitCompilersIdle(Duration idle, Duration max) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long quietSince = start;
        Map<String, Long> last = compilerTicks();
        while (System.nanoTime() - quietSince < idle.toNanos()) {
            if (System.nanoTime() - start >= max.toNanos()) {
                return false;
            }
            Thread.sleep(250);
            Map<String, Long> now = compilerTicks();
            if (!now.equals(last)) {
                quietSince = System.nanoTime();
                last = now;
            }
        }
        return true;
    }

    /** CPU time so far of each of the server's JIT compiler threads (by thread id), in clock ticks of 10 ms. */
    Map<String, Long> compilerTicks() throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(server.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.contains("CompilerThre")) {
                    ticks.put(task.getFileName().toString(), cpuTicks(stat));
                }
            }
        }
        return ticks;
    }

    long boardWith(long teamId, int cards) throws Exception {
        long boardId = newBoard(teamId, "Snapshot " + cards);
        List<Long> columns = columns(boardId);
        inParallel(cards, n -> post("/api/boards/" + boardId + "/cards", "{\"title\":\"Opportunity " + n
                + "\",\"columnId\":" + columns.get(n % 4) + ",\"value\":" + (1000 + n) + ",\"tags\":[\"bench\"]}"));
        return boardId;
    }

    /** A board whose first two columns each hold {@code closed} won deals, as a sales board does after a year. */
    long boardWithClosed(long teamId, int closed) throws Exception {
        long boardId = newBoard(teamId, "Closed " + closed);
        List<Long> columns = columns(boardId);
        inParallel(2 * closed, n -> {
            long card = id(post("/api/boards/" + boardId + "/cards", "{\"title\":\"Won " + n + "\",\"columnId\":"
                    + columns.get(n % 2) + "}"));
            post("/api/cards/" + card + "/close", "{\"version\":0,\"outcome\":\"WON\"}");
        });
        return boardId;
    }

    /** The ids of a board's columns, in order. */
    List<Long> columns(long boardId) throws Exception {
        return ids(get("/api/boards/" + boardId).body(), "\"columns\"", "\"cards\"");
    }

    interface Task {
        void run(int n) throws Exception;
    }

    /** Runs {@code task} for 0 … count − 1 on 8 threads (test data through the API) and waits for all. */
    static void inParallel(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    task.run(n);
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    Stats fanout(long teamId, int subscribers) throws Exception {
        long boardId = newBoard(teamId, "Fan-out");
        List<Long> columns = columns(boardId);
        long card = id(post("/api/boards/" + boardId + "/cards", "{\"title\":\"Live\",\"columnId\":" + columns.get(0) + "}"));
        long baseSeq = Long.parseLong(get("/api/boards/" + boardId).body().replaceAll(".*\"lastEventSeq\":(\\d+).*", "$1"));
        int moves = 20;
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        try (Subscribers streams = new Subscribers("127.0.0.1", port, "/api/boards/" + boardId + "/events",
                "Authorization: " + auth + "\r\n", subscribers)) {
            if (!streams.awaitConnected(60)) {
                throw new IllegalStateException("not every subscriber connected");
            }
            long start = System.nanoTime();
            long version = 0;
            for (int i = 1; i <= moves; i++) {
                sentAt.put(baseSeq + i, System.nanoTime());
                HttpResponse<String> moved = send("POST", "/api/cards/" + card + "/move",
                        "{\"version\":" + version + ",\"toColumnId\":" + columns.get(i % 2) + "}");
                Matcher m = VERSION.matcher(moved.body());
                m.find();
                version = Long.parseLong(m.group(1));
                Thread.sleep(100);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<List<long[]>> arrivals = new ArrayList<>();
            while (true) {
                arrivals.clear();
                for (int s = 0; s < subscribers; s++) {
                    arrivals.add(streams.arrivals(s));
                }
                if (System.nanoTime() >= deadline || arrivals.stream().allMatch(a -> a.size() >= moves)) {
                    break;
                }
                Thread.sleep(50);
            }
            long[] latencies = arrivals.stream().flatMap(List::stream)
                    .filter(a -> sentAt.containsKey(a[0])).mapToLong(a -> a[1] - sentAt.get(a[0])).sorted().toArray();
            long expected = (long) subscribers * moves;
            return new Stats(0, percentile(latencies, 50), percentile(latencies, 99), latencies.length,
                    expected - latencies.length, Double.NaN, gcPauses(start, System.nanoTime()), Double.NaN,
                    HeapFlow.UNMEASURED, Map.of());
        }
    }

    // ---- Load driver -------------------------------------------------------------------------------------------

    interface Step {
        /** Untimed work before each call (none by default); a non-2xx status skips the call and counts as failed. */
        default int prepare() throws Exception {
            return 200;
        }

        int call() throws Exception;
    }

    /** A step whose {@code prepare} part runs before the clock starts; only {@code measured} is timed. */
    static Step prepared(Step prepare, Step measured) {
        return new Step() {
            @Override
            public int prepare() throws Exception {
                return prepare.call();
            }

            @Override
            public int call() throws Exception {
                return measured.call();
            }
        };
    }

    /** Closed loop: each client sends its next request when the previous one answered. */
    Stats load(int clients, IntFunction<Step> client) throws Exception {
        return load(clients, client, warmup, measure);
    }

    Stats load(int clients, IntFunction<Step> client, Duration warmup, Duration measure) throws Exception {
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong failed = new AtomicLong();
        // Each failed request of the measured seconds, by its status (or the driver's exception).
        Map<String, LongAdder> failures = new ConcurrentSkipListMap<>();
        long[][] samples = new long[clients][];
        int[] counts = new int[clients];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int index = c;
            Step step = client.apply(c);
            samples[c] = new long[1 << 16];
            String headers = "Authorization: " + auth + "\r\n";
            threads[c] = new Thread(() -> {
                HttpConnection connection = new HttpConnection("127.0.0.1", port, headers);
                connections.set(connection);
                while (running.get()) {
                    long t0 = System.nanoTime();
                    int status;
                    Exception failure = null;
                    try {
                        status = step.prepare();
                        t0 = System.nanoTime();
                        if (status / 100 == 2) {
                            status = step.call();
                        }
                    } catch (Exception e) {
                        status = -1;
                        failure = e;
                    }
                    long took = System.nanoTime() - t0;
                    if (recording.get()) {
                        if (status / 100 != 2) {
                            failed.incrementAndGet();
                            failures.computeIfAbsent(failure == null ? "HTTP " + status + problemType(connection.last())
                                    : failure.getClass().getSimpleName() + ": " + failure.getMessage(),
                                    kind -> new LongAdder()).increment();
                        }
                        if (counts[index] == samples[index].length) {
                            samples[index] = Arrays.copyOf(samples[index], samples[index].length * 2);
                        }
                        samples[index][counts[index]++] = took;
                    }
                }
                connection.close();
            });
            threads[c].start();
        }
        Thread.sleep(warmup.toMillis());
        double[] before = serverCounters();
        recording.set(true);
        long start = System.nanoTime();
        double cpuStart = serverCpuMillis();
        Thread.sleep(measure.toMillis());
        recording.set(false);
        double cpu = serverCpuMillis() - cpuStart;
        long end = System.nanoTime();
        double[] after = serverCounters();
        double writes = after[1] - before[1];
        double seconds = (end - start) / 1e9;
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Stats(total / seconds, percentile(all, 50), percentile(all, 99), total - failed.get(), failed.get(),
                total == 0 ? Double.NaN : cpu / total, gcPauses(start, end),
                writes == 0 ? Double.NaN : (after[0] - before[0]) / writes,
                total == 0 ? HeapFlow.UNMEASURED : new HeapFlow((after[2] - before[2]) / 1024 / total,
                        (after[3] - before[3]) / 1024 / total),
                failures.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
    }

    /** The server's counters a row reports (Prometheus names, from /q/metrics). */
    static final List<String> SERVER_COUNTERS = List.of(
            // durable write transactions, and the embedded database's writes to disk for them (DurableCommits)
            "huddle_db_commits_durable_total", "huddle_db_commits_writes_total",
            // bytes allocated in the young generation and promoted into the old one, counted at each collection
            "jvm_gc_memory_allocated_bytes_total", "jvm_gc_memory_promoted_bytes_total");

    /** The values of {@link #SERVER_COUNTERS} now, in that order. */
    double[] serverCounters() throws IOException, InterruptedException {
        double[] counters = new double[SERVER_COUNTERS.size()];
        get("/q/metrics").body().lines().forEach(line -> {
            int space = line.lastIndexOf(' ');
            int index = space < 0 ? -1 : SERVER_COUNTERS.indexOf(line.substring(0, space));
            if (index >= 0) {
                counters[index] = Double.parseDouble(line.substring(space + 1));
            }
        });
        return counters;
    }

    interface Measure {
        Stats run() throws Exception;
    }

    /**
     * The run whose throughput (or, for latency-only figures, p50) is the median of {@code runs}, with its requests
     * answered and failed (the fan-out's events delivered and missed) counted over all of them.
     */
    Stats median(Measure measure) throws Exception {
        List<Stats> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(measure.run());
        }
        List<Stats> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> a.perSecond() != b.perSecond() ? Double.compare(a.perSecond(), b.perSecond())
                : Double.compare(a.p50(), b.p50()));
        return sorted.get(sorted.size() / 2).countedOver(all);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static double percentile(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose body is read off the connection and dropped, as a load tool does: its status. */
    int fetch(String path) throws IOException {
        return connection().get(path, false).status();
    }

    /** As a browser's fetch asks; the body is read off the socket whole, as in {@link #fetch}, and not inflated. */
    int fetchGzip(String path) throws IOException {
        return connection().get(path, GZIP, false).status();
    }

    /**
     * Fails the benchmark unless the board's snapshot, asked for with gzip, is the gzip encoding of what is sent
     * without it, so the gzip rows read the whole snapshot.
     */
    void checkGzip(long boardId) throws IOException {
        try (HttpConnection connection = new HttpConnection("127.0.0.1", port, "Authorization: " + auth + "\r\n")) {
            HttpConnection.Response plain = connection.get("/api/boards/" + boardId, true);
            HttpConnection.Response gzip = connection.get("/api/boards/" + boardId, GZIP, true);
            byte[] inflated;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
                inflated = in.readAllBytes();
            }
            if (plain.status() != 200 || gzip.status() != 200 || !Arrays.equals(inflated, plain.body())
                    || gzip.body().length >= plain.body().length) {
                throw new IllegalStateException("The gzip snapshot of board " + boardId + " is not its JSON gzipped");
            }
        }
    }

    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    /** " " and the problem type of a failed answer's problem+json body (e.g. /problems/stale-version), or "". */
    static String problemType(HttpConnection.Response answer) {
        if (answer == null || answer.status() / 100 == 2) {
            return "";
        }
        Matcher m = PROBLEM_TYPE.matcher(answer.text());
        return m.find() ? " " + m.group(1) : "";
    }

    /**
     * The load client's own keep-alive connection (each thread of {@link #load} has one, signed in with HTTP Basic
     * as the caller was when the load began).
     */
    HttpConnection connection() {
        HttpConnection connection = connections.get();
        if (connection == null) {
            throw new IllegalStateException("not a load client's thread");
        }
        return connection;
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", path, json);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Signs in as a browser does (form login): the session cookie, as a Cookie header's value. */
    String signedIn() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        browser.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=bench&j_password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.discarding());
        return String.join("; ", cookies.getCookieStore().getCookies().stream().map(HttpCookie::toString).toList());
    }

    static long id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    static List<Long> ids(String json, String from, String to) {
        String section = json.substring(json.indexOf(from), json.indexOf(to));
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\":(\\d+)").matcher(section);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    // ---- Report ------------------------------------------------------------------------------------------------

    void row(String what, String measured, String target) {
        rows.add(new String[] {what, measured, target});
        System.out.printf("%-60s %-45s %s%n", what, measured, target);
    }

    static String rate(Stats s) {
        return String.format(Locale.ROOT, "%s/s, p50 %s ms, p99 %s ms, %d errors%s; server CPU %s ms/request, %s%s%s",
                fmt(s.perSecond()), fmt(s.p50()), fmt(s.p99()), s.failed(), s.failedAnswers(), cpu(s.cpuPerOp()), s.gc(),
                Double.isNaN(s.commitsPerWrite()) ? ""
                        : String.format(Locale.ROOT, "; %.1f commits per disk write", s.commitsPerWrite()), s.heap());
    }

    static String latency(Stats s) {
        return String.format(Locale.ROOT, "p50 %s ms, p99 %s ms (%s/s), %d errors%s; server CPU %s ms/request, %s%s",
                fmt(s.p50()), fmt(s.p99()), fmt(s.perSecond()), s.failed(), s.failedAnswers(), cpu(s.cpuPerOp()),
                s.gc(), s.heap());
    }

    static String cpu(double millis) {
        return String.format(Locale.ROOT, millis >= 10 ? "%.0f" : "%.2f", millis);
    }

    static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JVM ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append("; server JVM options (k8s/huddle.yaml) ").append(String.join(" ", replica.jvmOptions()))
                .append(" -XX:SharedArchiveFile=app-cds.jsa (AppCDS archive of a training run, docs/operations.md)")
                .append(" -Xlog:gc:file=… (the GC pauses each row reports)")
                .append(serverOptions.isEmpty() ? "" : ", experiment " + String.join(" ", serverOptions))
                .append(", environment ").append(replica.environment())
                .append("; ").append(prewarmed.toSeconds()).append(" s of mixed load before the first figure")
                .append(prewarmed.isZero() ? "" : String.format(Locale.ROOT, " (the JIT compiler threads used"
                        + " %.0f %% of a core in its last 10 s)", compilerShare * 100))
                .append("; each figure the median of ").append(runs).append(" runs (").append(measure.toSeconds())
                .append(" s each after ").append(warmup.toSeconds())
                .append(" s warm-up); load driver and server share the machine.\n\n");
        md.append("| measurement | result | SPEC §9 target |\n|---|---|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        Path out = Path.of("target", "benchmarks.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + out.toAbsolutePath());
    }
}
