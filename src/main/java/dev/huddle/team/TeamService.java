package dev.huddle.team;

import dev.huddle.common.problem.ProblemException;
import dev.huddle.security.CredentialCache;
import dev.huddle.security.Passwords;
import dev.huddle.security.TeamAccess;
import dev.huddle.team.Role.Permission;
import dev.huddle.team.TeamApi.CreateMember;
import dev.huddle.team.TeamApi.CreateTeam;
import dev.huddle.team.TeamApi.MeView;
import dev.huddle.team.TeamApi.MemberView;
import dev.huddle.team.TeamApi.Membership;
import dev.huddle.team.TeamApi.PatchMember;
import dev.huddle.team.TeamApi.TeamView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

@ApplicationScoped
public class TeamService {
    private final TeamAccess access;
    private final Passwords passwords;
    private final CredentialCache credentials;
    private final Clock clock;

    TeamService(TeamAccess access, Passwords passwords, CredentialCache credentials, Clock clock) {
        this.access = access;
        this.passwords = passwords;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Transactional
    public TeamView create(CreateTeam request) {
        access.requireAdmin();
        return TeamView.of(newTeam(request.name(), request.timeZone(), request.currency()));
    }

    /** Creates a team; also used by the demo seed, which runs without a caller. */
    @Transactional
    public Team newTeam(String name, String timeZone, String currency) {
        Team team = new Team();
        team.name = name.strip();
        team.timeZone = zone(timeZone);
        team.currency = currency(currency);
        team.slug = uniqueSlug(team.name);
        team.createdAt = Instant.now(clock);
        team.persist();
        return team;
    }

    @Transactional
    public List<TeamView> list(int limit) {
        List<Team> teams = access.admin() ? Team.all(limit) : Team.ofUser(access.userId());
        return teams.stream().limit(limit).map(TeamView::of).toList();
    }

    @Transactional
    public TeamView get(long teamId) {
        Team team = Team.existing(teamId);
        access.require(teamId, Permission.READ, "Team");
        return TeamView.of(team);
    }

    @Transactional
    public MemberView addMember(long teamId, CreateMember request) {
        Team team = Team.existing(teamId);
        access.require(teamId, Permission.MANAGE_MEMBERS, "Team");
        User user = User.byUsername(request.username()).orElse(null);
        if (user == null) {
            if (request.displayName() == null || request.displayName().isBlank()) {
                throw ProblemException.invalid("displayName", "is required for a new user");
            }
            if (request.password() == null) {
                throw ProblemException.invalid("password", "is required for a new user");
            }
            user = newUser(request.username(), request.displayName(), request.password());
        } else if (Member.of(teamId, user.id).isPresent()) {
            throw ProblemException.conflict("'" + user.username + "' is already a member of this team");
        }
        return MemberView.of(newMember(team, user, request.role(), request.salesRole()));
    }

    @Transactional
    public User newUser(String username, String displayName, String password) {
        User user = new User();
        user.username = username;
        user.displayName = displayName.strip();
        user.passwordHash = passwords.hash(password);
        user.createdAt = Instant.now(clock);
        user.persist();
        return user;
    }

    @Transactional
    public Member newMember(Team team, User user, Role role, SalesRole salesRole) {
        Member member = new Member();
        member.team = team;
        member.user = user;
        member.role = role;
        member.salesRole = salesRole;
        member.createdAt = Instant.now(clock);
        member.persist();
        return member;
    }

    @Transactional
    public List<MemberView> members(long teamId, int limit) {
        Team.existing(teamId);
        access.require(teamId, Permission.READ, "Team");
        return Member.ofTeam(teamId, limit).stream().map(MemberView::of).toList();
    }

    @Transactional
    public MemberView member(long teamId, long memberId) {
        Team.existing(teamId);
        access.require(teamId, Permission.READ, "Team");
        return MemberView.of(Member.inTeam(teamId, memberId).orElseThrow(() -> ProblemException.notFound("Member")));
    }

    @Transactional
    public MemberView patchMember(long teamId, long memberId, PatchMember request, long version) {
        Team.existing(teamId);
        access.require(teamId, Permission.MANAGE_MEMBERS, "Team");
        Member member = Member.inTeam(teamId, memberId).orElseThrow(() -> ProblemException.notFound("Member"));
        if (member.version != version) {
            MemberView current = MemberView.of(member);
            throw ProblemException.stale("Member", () -> current);
        }
        if (request.role() != null) {
            member.role = request.role();
        }
        if (request.salesRole() != null) {
            member.salesRole = request.salesRole();
        }
        member.persistAndFlush();
        credentials.forget(member.user.username);
        access.refresh(teamId);
        return MemberView.of(member);
    }

    @Transactional
    public MeView me() {
        User user = User.<User>findByIdOptional(access.userId()).orElseThrow(() -> ProblemException.notFound("User"));
        List<Membership> teams = Member.ofUser(user.id).stream()
                .map(m -> new Membership(m.id, m.team.id, m.team.name, m.team.slug, m.role, m.salesRole))
                .toList();
        return new MeView(user.id, user.username, user.displayName, user.admin, teams);
    }

    static String zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return "UTC";
        }
        try {
            return ZoneId.of(timeZone.strip()).getId();
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Berlin");
        }
    }

    static String currency(String currency) {
        if (currency == null || currency.isBlank()) {
            return "USD";
        }
        String code = currency.strip().toUpperCase(Locale.ROOT);
        try {
            if (code.matches("[A-Z]{3}")) {
                return Currency.getInstance(code).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalid("currency", "must be an ISO-4217 code such as USD or EUR");
    }

    private static String uniqueSlug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "team";
        }
        if (base.length() > 200) {
            base = base.substring(0, 200);
        }
        String slug = base;
        for (int n = 2; Team.slugTaken(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }
}
