package dev.huddle.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "huddle")
public interface HuddleConfig {

    /** Directory of the embedded H2 database file. */
    @WithDefault("./data")
    String dataDir();

    /** Seed an empty database with a demo team, boards and users. */
    @WithDefault("false")
    boolean demo();

    Admin admin();

    Security security();

    Live live();

    Db db();

    interface Db {
        /**
         * Embedded database: how long a write to disk waits for more commits to join it when other write
         * transactions are under way (0: write at once, measured fastest; docs/benchmarks.md). Each waiting
         * commit's answer waits as long.
         */
        @WithDefault("0ms")
        Duration commitDelay();
    }

    interface Live {
        /** Interval of the comment heartbeat that keeps proxies from closing idle event streams. */
        @WithDefault("15s")
        Duration heartbeat();
    }

    interface Admin {
        @WithDefault("admin")
        String username();

        /** When unset on first start, a random password is generated and logged once. */
        Optional<String> password();
    }

    interface Security {
        /** bcrypt cost for new password hashes. */
        @WithDefault("10")
        int bcryptCost();

        /** How long a successful Basic verification is remembered. */
        @WithDefault("5m")
        Duration credentialCacheTtl();

        @WithDefault("10000")
        long credentialCacheSize();
    }
}
