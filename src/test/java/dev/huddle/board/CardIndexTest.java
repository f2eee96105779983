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
 * The card indexes the Flyway migrations leave (on H2 and, with -Ppostgresql, on PostgreSQL): a column's open cards
 * are reached without reading its closed ones, which stay in their column.
 */
@QuarkusTest
class CardIndexTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aColumnsOpenCardsHaveAnIndexOfTheirOwn() throws Exception {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String table = meta.storesUpperCaseIdentifiers() ? "CARD" : "card";
            try (ResultSet rows = meta.getIndexInfo(null, null, table, false, false)) {
                while (rows.next()) {
                    String name = rows.getString("INDEX_NAME");
                    String column = rows.getString("COLUMN_NAME");
                    if (name != null && column != null) {
                        // Rows come ordered by index name and column position.
                        indexes.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .add(column.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        assertThat(indexes).containsEntry("ix_card_column_open_rank", List.of("column_id", "outcome", "rank_key"));
        assertThat(indexes).doesNotContainKey("ix_card_column_rank");
        assertThat(indexes).containsEntry("ix_card_board_outcome", List.of("board_id", "outcome"));
        // A move changes updated_at: an index on it would be rewritten by every move.
        assertThat(indexes).doesNotContainKey("ix_card_board_updated");
    }
}
