package dev.huddle.team;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and view records of the teams and people API. */
public final class TeamApi {
    private TeamApi() {
    }

    public record CreateTeam(
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "IANA time zone, default UTC", examples = "Europe/Berlin") @Size(max = 64) String timeZone,
            @Schema(description = "ISO-4217 code, default USD", examples = "EUR") @Size(max = 3) String currency) {
    }

    public record TeamView(long id, String name, String slug, String timeZone, String currency, long version,
                           Instant createdAt) {
        static TeamView of(Team t) {
            return new TeamView(t.id, t.name, t.slug, t.timeZone, t.currency, t.version, t.createdAt);
        }
    }

    public record CreateMember(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may hold letters, digits and . _ @ - only")
            String username,
            @Size(max = 200) String displayName,
            @NotNull Role role,
            SalesRole salesRole,
            @Schema(description = "Required when the username is new; 8 to 200 characters") @Size(min = 8, max = 200)
            String password) {
    }

    public record PatchMember(
            @Schema(description = "Current version; or send If-Match") Long version,
            Role role,
            SalesRole salesRole) {
    }

    public record MemberView(long id, long teamId, long userId, String username, String displayName, Role role,
                             SalesRole salesRole, long version) {
        static MemberView of(Member m) {
            return new MemberView(m.id, m.team.id, m.user.id, m.user.username, m.user.displayName, m.role,
                    m.salesRole, m.version);
        }
    }

    public record Membership(long memberId, long teamId, String teamName, String teamSlug, Role role,
                             SalesRole salesRole) {
    }

    public record MeView(long userId, String username, String displayName, boolean admin,
                         List<Membership> teams) {
    }
}
