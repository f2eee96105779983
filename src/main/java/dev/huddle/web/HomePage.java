package dev.huddle.web;

import dev.huddle.board.Board;
import dev.huddle.security.TeamAccess;
import dev.huddle.team.Member;
import dev.huddle.team.Team;
import dev.huddle.team.User;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** "/": my teams and their boards. */
@Path("/")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class HomePage {
    private final TeamAccess access;

    HomePage(TeamAccess access) {
        this.access = access;
    }

    public record BoardLink(long id, String name, String kind) {
    }

    public record TeamBoards(long id, String name, String role, List<BoardLink> boards) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(String displayName, List<TeamBoards> teams);
    }

    @GET
    @Transactional
    @Operation(hidden = true)
    public TemplateInstance home() {
        User user = User.findById(access.userId());
        List<TeamBoards> teams;
        if (access.admin()) {
            teams = Team.all(1000).stream().map(t -> teamBoards(t, "ADMIN")).toList();
        } else {
            teams = Member.ofUser(user.id).stream().map(m -> teamBoards(m.team, m.role.name())).toList();
        }
        return Templates.home(user.displayName, teams);
    }

    private static TeamBoards teamBoards(Team team, String role) {
        return new TeamBoards(team.id, team.name, role, Board.ofTeam(team.id, false, 1000).stream()
                .map(b -> new BoardLink(b.id, b.name, b.kind.name())).toList());
    }
}
