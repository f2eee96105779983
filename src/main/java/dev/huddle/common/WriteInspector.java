package dev.huddle.common;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Sees every SQL statement Hibernate sends and marks the transaction of each insert, update, delete or merge as a
 * write, so that its commit is acknowledged only once it is on disk ({@link DurableCommits}).
 */
@PersistenceUnitExtension
@ApplicationScoped
public class WriteInspector implements StatementInspector {
    private final DurableCommits commits;

    WriteInspector(DurableCommits commits) {
        this.commits = commits;
    }

    @Override
    public String inspect(String sql) {
        if (isWrite(sql)) {
            commits.wrote();
        }
        return sql;
    }

    static boolean isWrite(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        return startsWith(sql, start, "insert") || startsWith(sql, start, "update")
                || startsWith(sql, start, "delete") || startsWith(sql, start, "merge");
    }

    private static boolean startsWith(String sql, int start, String keyword) {
        return sql.regionMatches(true, start, keyword, 0, keyword.length());
    }
}
