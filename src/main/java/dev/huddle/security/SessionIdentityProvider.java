package dev.huddle.security;

import dev.huddle.team.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The browser session: the form-login cookie names an already verified user; they must still exist. Their team
 * roles are read per request, so a role change applies at once.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getPrincipal();
        if (username == null || username.isEmpty() || username.length() > 100 || username.indexOf('\u0000') >= 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return context.runBlocking(() -> {
            User user = QuarkusTransaction.requiringNew().call(() -> User.byUsername(request.getPrincipal()).orElse(null));
            if (user == null) {
                throw new AuthenticationFailedException();
            }
            return MemberIdentityProvider.identity(new CredentialCache.Verified(user.id, user.username, user.admin));
        });
    }
}
