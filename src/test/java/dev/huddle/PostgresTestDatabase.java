package dev.huddle;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * With -Ppostgresql (system property huddle-test-postgresql=true) the tests run on the PostgreSQL server at
 * huddle-test-postgresql-url, in a fresh database created here and dropped when the tests end. Otherwise it does
 * nothing and the tests use the in-memory H2 database.
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {
    private String database;

    public static boolean enabled() {
        return Boolean.getBoolean("huddle-test-postgresql");
    }

    public static String serverUrl() {
        return System.getProperty("huddle-test-postgresql-url", "jdbc:postgresql://127.0.0.1:5432/");
    }

    public static String user() {
        return System.getProperty("huddle-test-postgresql-user", "postgres");
    }

    public static String password() {
        return System.getProperty("huddle-test-postgresql-password", "");
    }

    /** Creates a fresh, uniquely named database and returns its name. */
    public static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name);
        return name;
    }

    public static void drop(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl() + "postgres", user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> start() {
        if (!enabled()) {
            return Map.of();
        }
        database = create("huddle_test");
        return Map.of(
                "quarkus.datasource.jdbc.url", serverUrl() + database,
                "quarkus.datasource.username", user(),
                "quarkus.datasource.password", password());
    }

    @Override
    public void stop() {
        if (database != null) {
            drop(database);
        }
    }
}
