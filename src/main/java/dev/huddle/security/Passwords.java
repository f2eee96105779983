package dev.huddle.security;

import dev.huddle.common.HuddleConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class Passwords {
    private final int cost;

    Passwords(HuddleConfig config) {
        this.cost = config.security().bcryptCost();
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }
}
