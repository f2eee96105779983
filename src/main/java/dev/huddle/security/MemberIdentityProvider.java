package dev.huddle.security;

import dev.huddle.team.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks a username and password against the stored bcrypt hash, with a short cache of successes. */
@ApplicationScoped
public class MemberIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    public static final String USER_ID = "huddle.userId";

    private final CredentialCache cache;
    private final Passwords passwords;

    MemberIdentityProvider(CredentialCache cache, Passwords passwords) {
        this.cache = cache;
        this.passwords = passwords;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername();
        char[] password = request.getPassword().getPassword();
        if (username.isEmpty() || username.length() > 100 || username.indexOf('\u0000') >= 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        CredentialCache.Verified known = cache.lookup(username, password);
        if (known != null) {
            return Uni.createFrom().item(identity(known));
        }
        return context.runBlocking(() -> {
            User user = QuarkusTransaction.requiringNew().call(() -> User.byUsername(username).orElse(null));
            if (user == null || !passwords.matches(new String(password), user.passwordHash)) {
                throw new AuthenticationFailedException();
            }
            CredentialCache.Verified who = new CredentialCache.Verified(user.id, user.username, user.admin);
            cache.remember(username, password, who);
            return identity(who);
        });
    }

    static SecurityIdentity identity(CredentialCache.Verified who) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(who.username()))
                .addRole("user")
                .addAttribute(USER_ID, who.userId());
        if (who.admin()) {
            builder.addRole("admin");
        }
        return builder.build();
    }
}
