package dev.huddle.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The card and event-log indexes the Flyway migrations leave (on H2 and, with -Ppostgresql, on PostgreSQL): a
 * column's open cards are reached without reading its closed ones, which stay in their column, and a move rewrites no
 * index it does not change or read.
 */
@QuarkusTest
class CardIndexTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aColumnsOpenCardsHaveAnIndexOfTheirOwn() throws Exception {
        Map<String, List<String>> indexes = indexes("card");
        assertThat(indexes).containsEntry("ix_card_column_open_rank", List.of("column_id", "outcome", "rank_key"));
        assertThat(indexes).doesNotContainKey("ix_card_column_rank");
        assertThat(indexes).containsEntry("ix_card_board_outcome", List.of("board_id", "outcome"));
        // A move changes updated_at: an index on it would be rewritten by every move.
        assertThat(indexes).doesNotContainKey("ix_card_board_updated");
    }

    /**
     * H2 rewrites every index of the card table whenever a card changes, so the card table keeps only the indexes a
     * move or a board read needs (its foreign keys' own included); the owner, farmer, customer and previous card,
     * with theirs, live in card_link (migration V4).
     */
    @Test
    void theCardTableIndexesOnlyWhatMovesAndBoardsRead() throws Exception {
        assertThat(indexes("card").values()).allSatisfy(columns -> assertThat(columns)
                .isSubsetOf("id", "board_id", "column_id", "outcome", "rank_key"));
        assertThat(indexes("card_link")).containsEntry("ix_card_link_owner", List.of("owner_id"))
                .containsEntry("ix_card_link_customer", List.of("customer_id"));
    }

    /**
     * An event insert writes the event log's row and its two indexes, and no foreign key's (migration V6): H2 gives
     * each foreign key an index of its own.
     */
    @Test
    void theEventLogIndexesItsTwoReadsAndHasNoForeignKeys() throws Exception {
        assertThat(indexes("card_event").values()).containsExactlyInAnyOrder(
                List.of("id"), List.of("board_id", "seq"), List.of("card_id", "seq"));
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet keys = meta.getImportedKeys(null, null, name(meta, "card_event"))) {
                assertThat(keys.next()).as("card_event has a foreign key").isFalse();
            }
        }
    }

    /** Index name → its columns in order, lower case. */
    private Map<String, List<String>> indexes(String table) throws Exception {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rows = meta.getIndexInfo(null, null, name(meta, table), false, false)) {
                while (rows.next()) {
                    String index = rows.getString("INDEX_NAME");
                    String column = rows.getString("COLUMN_NAME");
                    if (index != null && column != null) {
                        // Rows come ordered by index name and column position.
                        indexes.computeIfAbsent(index.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .add(column.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return indexes;
    }

    private static String name(DatabaseMetaData meta, String table) throws Exception {
        return meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    }
}
