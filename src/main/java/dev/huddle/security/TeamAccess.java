package dev.huddle.security;

import dev.huddle.common.problem.ProblemException;
import dev.huddle.team.Member;
import dev.huddle.team.Role;
import dev.huddle.team.Role.Permission;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Team scoping (SPEC §7): another team's resource is 404 so existence never leaks; a member whose role
 * may not do a thing gets 403. An ADMIN may do everything, in every team.
 */
@RequestScoped
public class TeamAccess {

    /** Who is acting in a team: the member (null for an ADMIN who is not in the team). */
    public record Caller(long userId, String username, boolean admin, Member member) {
        public Long memberId() {
            return member == null ? null : member.id;
        }

        public boolean may(Permission permission) {
            return admin || member != null && member.role.may(permission);
        }

        public Role role() {
            return member == null ? null : member.role;
        }
    }

    private final SecurityIdentity identity;
    private final Map<Long, Optional<Member>> memberships = new HashMap<>();

    TeamAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    public long userId() {
        Long id = identity.isAnonymous() ? null : identity.getAttribute(MemberIdentityProvider.USER_ID);
        if (id == null) {
            throw new UnauthorizedException();
        }
        return id;
    }

    public boolean admin() {
        return !identity.isAnonymous() && identity.hasRole("admin");
    }

    public void requireAdmin() {
        if (!admin()) {
            throw ProblemException.forbidden("Only an administrator may do this");
        }
    }

    /**
     * The caller in this team, allowed to do {@code permission}.
     *
     * @param what names the resource in the 404 that a non-member gets, e.g. "Card"
     */
    public Caller require(long teamId, Permission permission, String what) {
        long userId = userId();
        return caller(userId, memberships.computeIfAbsent(teamId, t -> Member.of(t, userId)), permission, what);
    }

    /**
     * As {@link #require(long, Permission, String)}, with the caller's membership already read (by a query that
     * loaded it together with the resource, for {@link #userId()}).
     */
    public Caller require(long teamId, Optional<Member> membership, Permission permission, String what) {
        memberships.put(teamId, membership);
        return caller(userId(), membership, permission, what);
    }

    private Caller caller(long userId, Optional<Member> membership, Permission permission, String what) {
        Member member = membership.orElse(null);
        Caller caller = new Caller(userId, identity.getPrincipal().getName(), admin(), member);
        if (member == null && !caller.admin()) {
            throw ProblemException.notFound(what);
        }
        if (!caller.may(permission)) {
            throw ProblemException.forbidden("A " + caller.role() + " may not do this");
        }
        return caller;
    }

    /** Forget cached memberships after the caller's own role changed in this request. */
    public void refresh(long teamId) {
        memberships.remove(teamId);
    }
}
