package dev.huddle.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.huddle.board.Board;
import dev.huddle.board.BoardEvent;
import dev.huddle.board.CardEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One shared hot stream of committed board events, fanned out per board to live subscribers. Each board channel
 * publishes strictly in seq order: an event that overtakes an earlier one (two commits whose after-commit
 * callbacks race) waits for it, and a gap that does not close by itself is filled from the event log.
 */
@ApplicationScoped
public class BoardEventBroadcaster {
    private static final Logger LOG = Logger.getLogger(BoardEventBroadcaster.class);
    static final int REPLAY_PAGE = 500;
    static final long GAP_FILL_MILLIS = 500;

    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final Counter published;
    private final Timer relayLag;
    private final ScheduledExecutorService gapFiller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "huddle-gap-filler");
        thread.setDaemon(true);
        return thread;
    });

    BoardEventBroadcaster(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        Gauge.builder("huddle.live.subscribers", this, BoardEventBroadcaster::subscriberCount)
                .description("Open board event streams on this replica").register(metrics);
        this.published = Counter.builder("huddle.live.events.published")
                .description("Board events published to live subscribers").register(metrics);
        this.relayLag = Timer.builder("huddle.relay.lag")
                .description("From an event's creation to its publication when read back from the event log "
                        + "(events of other replicas, and gaps)").register(metrics);
    }

    /** Graceful shutdown: during the shutdown delay, before the server waits for open requests, end the streams. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        closeAll();
    }

    /** A committed event, once it is on disk (see {@code EventLog}). */
    void onCommit(@Observes BoardEvent event) {
        offer(event);
    }

    /**
     * Another replica committed event {@code seq} on a board: if anyone here watches that board and has not seen
     * it, read what is missing from the event log and publish it in order.
     */
    public void relay(long boardId, long seq) {
        Channel channel = channels.get(boardId);
        if (channel != null && seq >= channel.next()) {
            channel.readMissing();
        }
    }

    /** After the relay's connection was lost: read whatever every watched board missed meanwhile. */
    public void catchUp() {
        channels.values().forEach(Channel::readMissing);
    }

    /** Ends every stream (e.g. on shutdown), telling clients to reconnect (to another replica). */
    public void closeAll() {
        channels.values().forEach(channel -> channel.subscribers.forEach(Subscriber::end));
    }

    /** Hands a committed event to its board's channel; boards nobody watches are ignored. */
    public void offer(BoardEvent event) {
        Channel channel = channels.get(event.boardId());
        if (channel != null) {
            channel.offer(event);
        }
    }

    /**
     * Subscribes to a board: replays every event after {@code resumeAfter} from the event log, then goes live with
     * no gap and no duplicate. Blocks while replaying; call from a worker thread.
     *
     * @param resumeAfter the last seq the client has, or null to start from now
     */
    public Subscription subscribe(long boardId, Long resumeAfter, Consumer<BoardEvent> sink, Runnable onEnd) {
        long current = QuarkusTransaction.requiringNew().call(() -> Board.currentSeq(boardId));
        long after = resumeAfter == null ? current : Math.max(0, Math.min(resumeAfter, current));
        Subscriber subscriber = new Subscriber(after, sink, onEnd);
        Channel channel;
        while (true) {
            channel = channels.computeIfAbsent(boardId, id -> new Channel(id, current + 1));
            if (channel.add(subscriber)) {
                break;
            }
        }
        try {
            long last = after;
            while (true) {
                long from = last;
                List<CardEvent> page = QuarkusTransaction.requiringNew()
                        .call(() -> CardEvent.onBoardAfter(boardId, from, REPLAY_PAGE));
                for (CardEvent event : page) {
                    subscriber.deliver(BoardEvent.of(event, json));
                    last = event.seq;
                }
                if (page.size() < REPLAY_PAGE) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            leave(channel, subscriber);
            throw e;
        }
        subscriber.goLive();
        Channel joined = channel;
        // Released off the caller's thread: termination can fire inside an emit, under the subscriber's lock.
        return () -> gapFiller.execute(() -> leave(joined, subscriber));
    }

    public int subscriberCount() {
        return channels.values().stream().mapToInt(Channel::size).sum();
    }

    public int subscriberCount(long boardId) {
        Channel channel = channels.get(boardId);
        return channel == null ? 0 : channel.size();
    }

    private void leave(Channel channel, Subscriber subscriber) {
        if (channel.remove(subscriber)) {
            channels.remove(channel.boardId, channel);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        gapFiller.shutdownNow();
    }

    /** Released when a subscriber goes away. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** One client's view of a board's stream: buffers live events while its replay runs, then passes them on. */
    static final class Subscriber {
        private final Consumer<BoardEvent> sink;
        private final Runnable onEnd;
        private long lastSent;
        private List<BoardEvent> pending = new ArrayList<>();

        Subscriber(long lastSent, Consumer<BoardEvent> sink, Runnable onEnd) {
            this.lastSent = lastSent;
            this.sink = sink;
            this.onEnd = onEnd;
        }

        synchronized void end() {
            onEnd.run();
        }

        /** Passes an event on unless the client has it already. */
        synchronized void deliver(BoardEvent event) {
            if (event.seq() <= lastSent) {
                return;
            }
            sink.accept(event);
            lastSent = event.seq();
        }

        /** A live event: held back while the replay is still running. */
        synchronized void live(BoardEvent event) {
            if (pending != null) {
                pending.add(event);
            } else {
                deliver(event);
            }
        }

        synchronized void goLive() {
            List<BoardEvent> buffered = pending;
            pending = null;
            buffered.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            buffered.forEach(this::deliver);
        }
    }

    /** The live subscribers of one board and the seq it publishes next. */
    final class Channel {
        final long boardId;
        private long next;
        private final TreeMap<Long, BoardEvent> early = new TreeMap<>();
        private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        private boolean closed;
        private boolean gapCheckScheduled;

        Channel(long boardId, long next) {
            this.boardId = boardId;
            this.next = next;
        }

        synchronized boolean add(Subscriber subscriber) {
            if (closed) {
                return false;
            }
            subscribers.add(subscriber);
            return true;
        }

        /** @return true when this was the last subscriber and the channel is now closed */
        synchronized boolean remove(Subscriber subscriber) {
            subscribers.remove(subscriber);
            if (subscribers.isEmpty()) {
                closed = true;
            }
            return closed;
        }

        int size() {
            return subscribers.size();
        }

        synchronized long next() {
            return next;
        }

        /** Reads the events after the last one published from the log and offers them, in order. */
        void readMissing() {
            long from;
            synchronized (this) {
                if (closed) {
                    return;
                }
                from = next - 1;
            }
            try {
                List<CardEvent> missing = QuarkusTransaction.requiringNew()
                        .call(() -> CardEvent.onBoardAfter(boardId, from, REPLAY_PAGE));
                for (CardEvent event : missing) {
                    offer(BoardEvent.of(event, json));
                    relayLag.record(Duration.between(event.at, Instant.now()));
                }
                if (missing.size() == REPLAY_PAGE) {
                    readMissing();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not read board %d's events", boardId);
            }
        }

        synchronized void offer(BoardEvent event) {
            if (event.seq() < next || early.containsKey(event.seq())) {
                return;
            }
            if (event.seq() > next) {
                early.put(event.seq(), event);
                scheduleGapCheck();
                return;
            }
            publish(event);
            while (!early.isEmpty() && early.firstKey() == next) {
                publish(early.pollFirstEntry().getValue());
            }
        }

        private void publish(BoardEvent event) {
            next = event.seq() + 1;
            published.increment();
            for (Subscriber subscriber : subscribers) {
                subscriber.live(event);
            }
        }

        private void scheduleGapCheck() {
            if (gapCheckScheduled) {
                return;
            }
            gapCheckScheduled = true;
            gapFiller.schedule(this::fillGap, GAP_FILL_MILLIS, TimeUnit.MILLISECONDS);
        }

        /** An event that never arrived by itself is read from the log, so subscribers never stall on a gap. */
        private void fillGap() {
            synchronized (this) {
                gapCheckScheduled = false;
                if (early.isEmpty() || closed) {
                    return;
                }
            }
            readMissing();
            synchronized (this) {
                if (!early.isEmpty()) {
                    scheduleGapCheck();
                }
            }
        }
    }
}
