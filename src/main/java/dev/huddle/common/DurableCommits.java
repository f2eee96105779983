package dev.huddle.common;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * A write is acknowledged (its request answered, its board events published) only once the database has it on
 * disk, so a process killed mid-load loses nothing anyone was told about (SPEC §9).
 *
 * <p>PostgreSQL's commit is durable by itself. The embedded H2 (MVStore) makes a commit durable by writing every
 * page changed since the last write, and by default does so once per commit; with many writers those writes are
 * most of a move's cost, and each one carries only what changed since the previous. Here H2 stops writing on
 * commit, and a committed write transaction waits, on its own thread, for a write that began after its commit
 * instead: one write at a time, each covering every commit that finished before it began (group commit). The
 * first waiter writes; those that committed meanwhile wait for the next write, made by one of them. While other
 * write transactions are under way, the writer can first wait {@code huddle.db.commit-delay} for them to commit,
 * so that one write covers more of them (0 by default: on 2 cores any delay measured slower).
 *
 * <p>Each write ends with an fsync, so what was acknowledged survives a power cut too, and H2 may reuse the space of
 * a chunk (its unit of writing) as soon as the chunk holds nothing live: H2's own retention of 45 s assumes the OS
 * may take that long to put written data on disk, and kept 1–2 GB of dead chunks under sustained writes. Chunks
 * that stay mostly dead (a few cold pages left in each) are compacted here too, since H2 does it only in its
 * background writer: four times a second the writer first has H2 rewrite the live pages of the emptiest chunks
 * (up to {@value #COMPACT_BYTES} bytes), and the write then stores them in its new chunk, freeing the old ones.
 * Every commit waiting for that write waits for the compaction too, so it is done in small steps: 1 MB once a
 * second took 15–30 ms and held up every writer behind it; a quarter of it took 3.8 ms at the median, 19 ms at
 * the 99th percentile under load (docs/benchmarks.md). Smaller steps still (64 KB 16 times a second) stalled the
 * writers longer in all, and left the file larger, since a chunk holding more live data than a step never qualifies.
 *
 * <p>Write transactions are found by their SQL (every statement Hibernate sends passes {@link WriteInspector})
 * and by {@link #afterStored}; a transaction that only reads never waits.
 */
@ApplicationScoped
public class DurableCommits {
    private static final Logger LOG = Logger.getLogger(DurableCommits.class);
    private static final Object KEY = DurableCommits.class;
    /**
     * How long H2 keeps a chunk before it may reuse its space once it is dead (H2's default: 45 s). Every write is
     * fsynced before anyone is told, so this is only a margin.
     */
    static final int RETENTION_MILLIS = 1_000;
    /**
     * Compaction: at most once this often, rewrite this many bytes of live pages of chunks this empty (%); 1 MB a
     * second in all.
     */
    static final long COMPACT_INTERVAL_NANOS = 250_000_000L;
    static final int COMPACT_BYTES = 256 << 10;
    static final int COMPACT_BELOW_FILL_RATE = 80;

    private final TransactionSynchronizationRegistry transactions;
    private final AgroalDataSource dataSource;
    private final boolean h2;
    /** Held by the thread writing; one write at a time. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Threads parked until the write under way ends. */
    private final Queue<Thread> waiting = new ConcurrentLinkedQueue<>();
    /** Counts commits that asked to be made durable, each after its commit. */
    private final AtomicLong committed = new AtomicLong();
    /** Every commit counted up to here is on disk. Written holding {@link #writing}. */
    private volatile long written;
    /** When the last compaction ran ({@link System#nanoTime()}). Guarded by {@link #writing}. */
    private long compacted = System.nanoTime();
    /** The embedded database's store, once a write transaction found it; replaced if the database was reopened. */
    private volatile MVStore store;
    /** Write transactions begun and not yet acknowledged (or rolled back). */
    private final AtomicInteger underWay = new AtomicInteger();
    private final long delayNanos;
    private final Counter durable;
    private final Counter writes;

    DurableCommits(TransactionSynchronizationRegistry transactions, AgroalDataSource dataSource, MeterRegistry metrics,
                   HuddleConfig config, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.delayNanos = config.db().commitDelay().toNanos();
        this.h2 = dbKind.equals("h2");
        this.durable = Counter.builder("huddle.db.commits.durable")
                .description("Write transactions acknowledged once on disk").register(metrics);
        this.writes = Counter.builder("huddle.db.commits.writes")
                .description("Writes to disk of the embedded database made for them (one covers every commit "
                        + "that finished before it began)").register(metrics);
    }

    /** The current transaction writes: once it commits, its thread waits until the commit is on disk. */
    public void wrote() {
        hook();
    }

    /**
     * Runs {@code action} on the committing thread once the current transaction has committed and is on disk;
     * never if it rolls back. Actions run in the order they were given.
     */
    public void afterStored(Runnable action) {
        hook().actions.add(action);
    }

    private Hook hook() {
        Hook hook = (Hook) transactions.getResource(KEY);
        if (hook == null) {
            if (h2) {
                findStore();
            }
            hook = new Hook();
            transactions.putResource(KEY, hook);
            transactions.registerInterposedSynchronization(hook);
            underWay.incrementAndGet();
        }
        return hook;
    }

    /**
     * Finds the embedded database's store through the transaction's own connection (Agroal hands the transaction
     * the connection it already uses) and turns off H2's own writes: from then on the waits here write. Until then
     * (Flyway's migrations at start) H2 writes in the background every 500 ms, its default; nothing written then
     * was acknowledged. The JDBC URL must not set WRITE_DELAY: H2 runs URL settings again on every new connection,
     * which would turn H2's writes back on. A database closed and opened again (after its last connection closed)
     * has a new store, found by the next write transaction; the closed one was written out when it closed.
     */
    private void findStore() {
        MVStore current = store;
        if (current != null && !current.isClosed()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                MVStore found = session.getDatabase().getStore().getMvStore();
                // -1: no background writer, no write at commit (0: a write at each commit; >0: in the background),
                // and every write H2 still makes by itself (when unsaved changes pile up) is made synchronously.
                found.setAutoCommitDelay(-1);
                found.setRetentionTime(RETENTION_MILLIS);
                store = found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the embedded database's store", e);
        }
    }

    /**
     * Returns once everything committed before the call is on disk. The first thread to find no write under way
     * writes; the others park until that write ends and are all woken by it at once: those it covered return, the
     * rest race for the next write, which the winner makes for all of them. (Queueing on the lock instead would wake
     * them one after another, each only once the one before it had run.)
     */
    private void awaitWritten() {
        MVStore current = store;
        if (current == null) {
            return;
        }
        long mine = committed.incrementAndGet();
        Thread me = Thread.currentThread();
        boolean queued = false;
        boolean interrupted = false;
        try {
            while (written < mine) {
                if (writing.tryLock()) {
                    try {
                        if (written < mine) {
                            write(current);
                        }
                    } finally {
                        writing.unlock();
                        // Also after a failed write: one of the waiting threads tries again.
                        for (Thread waiter : waiting) {
                            LockSupport.unpark(waiter);
                        }
                    }
                } else if (!queued) {
                    // Queued before looking again, so a write that ends after this look wakes this thread.
                    waiting.add(me);
                    queued = true;
                } else {
                    LockSupport.park(this);
                    // An interrupt would end every later park at once: keep it for the caller instead.
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (queued) {
                waiting.remove(me);
            }
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    /** Writes every commit counted so far to disk. Called holding {@link #writing}. */
    private void write(MVStore current) {
        if (delayNanos > 0 && underWay.get() > 1) {
            // Others are about to commit: let them join this write (they park meanwhile).
            LockSupport.parkNanos(delayNanos);
        }
        long through = committed.get();
        // A closed store wrote everything out when it closed.
        if (!current.isClosed()) {
            compactNowAndThen(current);
            if (current.commit() >= 0) {
                writes.increment();
            }
            // Also when H2 wrote these commits itself (when unsaved changes pile up) and this found nothing left.
            current.sync();
        }
        written = through;
    }

    /** Has H2 rewrite the live pages of its emptiest chunks, for the write that follows to store (see above). */
    private void compactNowAndThen(MVStore current) {
        long now = System.nanoTime();
        if (now - compacted >= COMPACT_INTERVAL_NANOS) {
            compacted = now;
            try {
                current.compact(COMPACT_BELOW_FILL_RATE, COMPACT_BYTES);
            } catch (RuntimeException e) {
                // Housekeeping only: the commits waiting for this write must still be written.
                LOG.warn("Compacting the embedded database failed", e);
            }
        }
    }

    /** One per write transaction. */
    private final class Hook implements Synchronization {
        final List<Runnable> actions = new ArrayList<>(2);

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            try {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                awaitWritten();
                durable.increment();
            } catch (RuntimeException e) {
                // H2 closes the database when it cannot write (every later request fails); nothing is published.
                LOG.error("A committed transaction could not be written to disk", e);
                return;
            } finally {
                underWay.decrementAndGet();
            }
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("An after-commit action failed", e);
                }
            }
        }
    }
}
