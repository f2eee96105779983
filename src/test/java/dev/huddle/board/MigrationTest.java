package dev.huddle.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.huddle.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migrations that move data: V4 moves a card's owner, farmer, customer and previous card into {@code card_link}, V5 a
 * board's event seq into {@code board_seq}, V6 copies the event log to a table without foreign keys. A database
 * holding cards and events from before them keeps every link, seq and event, the moved columns keep their foreign
 * keys, and the log keeps its unique seq per board. On an in-memory H2 database, and with -Ppostgresql on a fresh
 * PostgreSQL database.
 */
class MigrationTest {
    private String url = "jdbc:h2:mem:migration;DB_CLOSE_DELAY=-1";
    private String user = "sa";
    private String password = "";
    private String postgresDatabase;

    @BeforeEach
    void database() {
        if (PostgresTestDatabase.enabled()) {
            postgresDatabase = PostgresTestDatabase.create("huddle_migration");
            url = PostgresTestDatabase.serverUrl() + postgresDatabase;
            user = PostgresTestDatabase.user();
            password = PostgresTestDatabase.password();
        }
    }

    @AfterEach
    void dropDatabase() {
        if (postgresDatabase != null) {
            PostgresTestDatabase.drop(postgresDatabase);
        }
    }

    @Test
    void cardsBoardsAndEventsFromBeforeKeepTheirLinksSeqsAndHistory() throws Exception {
        migrate("3");
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("insert into app_user (id, username, display_name, password_hash, created_at) "
                    + "values (1, 'rep', 'Rep', 'x', current_timestamp), (2, 'farmer', 'Farmer', 'x', current_timestamp)");
            sql.execute("insert into team (id, name, slug, time_zone, currency, created_at) "
                    + "values (1, 'Team', 'team', 'UTC', 'EUR', current_timestamp)");
            sql.execute("insert into team_member (id, team_id, user_id, role, created_at) "
                    + "values (11, 1, 1, 'MEMBER', current_timestamp), (12, 1, 2, 'MEMBER', current_timestamp)");
            sql.execute("insert into customer (id, team_id, name, relationship_level, created_at, updated_at) "
                    + "values (21, 1, 'Acme', 'TRANSACTIONAL', current_timestamp, current_timestamp)");
            sql.execute("insert into board (id, team_id, name, kind, event_seq, created_at) "
                    + "values (31, 1, 'Deals', 'OPPORTUNITY', 7, current_timestamp), "
                    + "(32, 1, 'Improvements', 'IMPROVEMENT', 0, current_timestamp)");
            sql.execute("insert into board_column (id, board_id, name, pos, col_type) values (41, 31, 'Lead', 0, 'QUEUE')");
            sql.execute(card(51, "null, null, null, null"));
            sql.execute(card(52, "11, 12, 21, 51"));
            sql.execute(event(31, 6, "51"));
            sql.execute(event(31, 7, "52"));
            sql.execute(event(32, 1, "null"));
        }

        migrate(null);

        try (Connection db = connect(); Statement sql = db.createStatement()) {
            assertThat(rows(sql, "select card_id, owner_id, farmer_id, customer_id, previous_card_id "
                    + "from card_link order by card_id"))
                    .containsExactly("51 null null null null", "52 11 12 21 51");
            assertThat(rows(sql, "select id, title from card order by id")).containsExactly("51 First", "52 Follow-up");
            assertThat(rows(sql, "select board_id, event_seq from board_seq order by board_id"))
                    .containsExactly("31 7", "32 0");
            assertThat(rows(sql, "select id, name from board order by id")).containsExactly("31 Deals", "32 Improvements");
            // The moved columns' foreign keys came along.
            for (String link : List.of("owner_id", "farmer_id", "customer_id", "previous_card_id")) {
                assertThatThrownBy(() -> sql.execute("update card_link set " + link + " = 99 where card_id = 51"))
                        .isInstanceOf(SQLException.class).message().containsIgnoringCase(link);
            }
            assertThatThrownBy(() -> sql.execute("insert into card_link (card_id) values (99)"))
                    .isInstanceOf(SQLException.class).message().containsIgnoringCase("card_id");
            assertThatThrownBy(() -> sql.execute("insert into board_seq (board_id) values (99)"))
                    .isInstanceOf(SQLException.class).message().containsIgnoringCase("board_id");
            // The event log, copied: every event, its seq unique per board, and new events numbered after the copies.
            assertThat(rows(sql, "select board_id, seq, card_id, type, data from card_event order by board_id, seq"))
                    .containsExactly("31 6 51 card.moved {\"seq\":6}", "31 7 52 card.moved {\"seq\":7}",
                            "32 1 null card.moved {\"seq\":1}");
            assertThatThrownBy(() -> sql.execute(event(31, 7, "51")))
                    .isInstanceOf(SQLException.class).message().containsIgnoringCase("uk_card_event_board_seq");
            sql.execute(event(31, 8, "51"));
            sql.execute(event(32, 2, "52"));
            assertThat(rows(sql, "select count(distinct id) from card_event")).containsExactly("5");
        }
    }

    private static String card(long id, String links) {
        return "insert into card (id, board_id, column_id, rank_key, title, owner_id, farmer_id, customer_id, "
                + "previous_card_id, class_of_service, source, outcome, column_entered_at, created_at, updated_at) "
                + "values (" + id + ", 31, 41, 'm" + id + "', '" + (id == 51 ? "First" : "Follow-up") + "', " + links
                + ", 'STANDARD', 'DIRECT', 'OPEN', current_timestamp, current_timestamp, current_timestamp)";
    }

    private static String event(long boardId, long seq, String cardId) {
        return "insert into card_event (board_id, seq, card_id, type, actor, at, data) values (" + boardId + ", " + seq
                + ", " + cardId + ", 'card.moved', 'rep', current_timestamp, '{\"seq\":" + seq + "}')";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private void migrate(String target) {
        var config = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
