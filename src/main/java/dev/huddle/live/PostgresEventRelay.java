package dev.huddle.live;

import dev.huddle.board.EventLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Cross-replica live events on PostgreSQL (SPEC §5): every committed event is announced with NOTIFY
 * ("boardId:seq"); this relay LISTENs on its own connection and has the broadcaster read the events it has not
 * seen from the event table, so order and exactly-once replay still hold. A lost connection is re-opened and
 * every watched board catches up from the last seq it published.
 */
@ApplicationScoped
public class PostgresEventRelay {
    private static final Logger LOG = Logger.getLogger(PostgresEventRelay.class);
    static final String APPLICATION_NAME = "huddle-relay";

    private final BoardEventBroadcaster broadcaster;
    private final boolean enabled;
    private final String url;
    private final String username;
    private final String password;
    private final Counter reconnects;
    private volatile boolean running;
    private Thread thread;

    PostgresEventRelay(BoardEventBroadcaster broadcaster, MeterRegistry metrics,
                       @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.broadcaster = broadcaster;
        this.enabled = dbKind.startsWith("postgres");
        this.url = url.orElse("");
        this.username = username.orElse("");
        this.password = password.orElse("");
        this.reconnects = Counter.builder("huddle.relay.reconnects")
                .description("Times the cross-replica event listener re-opened its connection").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "huddle-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        long backoff = 250;
        while (running) {
            Properties props = new Properties();
            props.setProperty("user", username);
            props.setProperty("password", password);
            props.setProperty("ApplicationName", APPLICATION_NAME);
            try (Connection connection = DriverManager.getConnection(url, props);
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + EventLog.NOTIFY_CHANNEL);
                backoff = 250;
                broadcaster.catchUp();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        relay(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                reconnects.increment();
                LOG.warnf("Event relay lost its PostgreSQL connection (%s); reconnecting", e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void relay(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        try {
            broadcaster.relay(Long.parseLong(payload.substring(0, colon)), Long.parseLong(payload.substring(colon + 1)));
        } catch (NumberFormatException e) {
            LOG.debugf("Ignoring notification %s", payload);
        }
    }
}
