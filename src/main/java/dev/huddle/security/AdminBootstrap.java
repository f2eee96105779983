package dev.huddle.security;

import dev.huddle.common.HuddleConfig;
import dev.huddle.team.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.jboss.logging.Logger;

/** First start with no users: create the ADMIN (SPEC §7), with a random password logged once if none is set. */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    void onStart(@Observes @Priority(10) StartupEvent event, HuddleConfig config, Passwords passwords, Clock clock) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (!User.none()) {
                return;
            }
            String password = config.admin().password().filter(p -> !p.isBlank()).orElse(null);
            boolean generated = password == null;
            if (generated) {
                byte[] bytes = new byte[18];
                new SecureRandom().nextBytes(bytes);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }
            User admin = new User();
            admin.username = config.admin().username();
            admin.displayName = "Administrator";
            admin.passwordHash = passwords.hash(password);
            admin.admin = true;
            admin.createdAt = Instant.now(clock);
            admin.persist();
            if (generated) {
                LOG.infof("Created administrator '%s' with generated password: %s (set huddle.admin.password or "
                        + "HUDDLE_ADMIN_PASSWORD to choose one)", admin.username, password);
            } else {
                LOG.infof("Created administrator '%s' with the configured password", admin.username);
            }
        });
    }
}
