package dev.huddle.demo;

import dev.huddle.board.Board;
import dev.huddle.board.BoardApi.CardView;
import dev.huddle.board.BoardColumn;
import dev.huddle.board.BoardKind;
import dev.huddle.board.BoardService;
import dev.huddle.board.Card;
import dev.huddle.board.ClassOfService;
import dev.huddle.board.EventLog;
import dev.huddle.board.Rank;
import dev.huddle.board.Source;
import dev.huddle.common.HuddleConfig;
import dev.huddle.customer.Customer;
import dev.huddle.customer.RelationshipLevel;
import dev.huddle.team.Member;
import dev.huddle.team.Role;
import dev.huddle.team.SalesRole;
import dev.huddle.team.Team;
import dev.huddle.team.TeamService;
import dev.huddle.team.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * With huddle.demo=true, seeds an empty database with a sales team a newcomer can explore, and prints the URL
 * and demo logins at every start.
 */
@ApplicationScoped
public class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String PASSWORD = "huddle-demo";

    record Person(String username, String displayName, Role role, SalesRole salesRole) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("lena", "Lena Lindqvist", Role.LEADER, null),
            new Person("ravi", "Ravi Patel", Role.REP, SalesRole.HUNTER),
            new Person("fiona", "Fiona Walsh", Role.REP, SalesRole.FARMER),
            new Person("colin", "Colin Baptiste", Role.COACH, null),
            new Person("vera", "Vera Novak", Role.VIEWER, null));

    private final HuddleConfig config;
    private final TeamService teams;
    private final BoardService boards;
    private final EventLog events;
    private final Clock clock;
    private final int port;

    DemoData(HuddleConfig config, TeamService teams, BoardService boards, EventLog events, Clock clock,
             @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.config = config;
        this.teams = teams;
        this.boards = boards;
        this.events = events;
        this.clock = clock;
        this.port = port;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (!config.demo()) {
            return;
        }
        boolean seeded = QuarkusTransaction.requiringNew().call(() -> {
            if (Team.count() > 0) {
                return false;
            }
            seed();
            return true;
        });
        Long boardId = QuarkusTransaction.requiringNew().call(() -> Board.<Board>find("kind = ?1 order by id",
                BoardKind.SALES).firstResultOptional().map(b -> b.id).orElse(null));
        StringBuilder logins = new StringBuilder();
        for (Person p : PEOPLE) {
            logins.append(String.format("%n    %-6s / %s   %s%s", p.username(), PASSWORD, p.role(),
                    p.salesRole() == null ? "" : " (" + p.salesRole() + ")"));
        }
        LOG.infof("%s%nHuddle demo is ready at http://localhost:%d/%s  -  demo logins:%s",
                seeded ? "Seeded the demo team 'Northwind Sales'." : "Demo mode on.", port,
                boardId == null ? "" : "boards/" + boardId, logins);
    }

    void seed() {
        Team team = teams.newTeam("Northwind Sales", "Europe/London", "USD");
        Map<String, Member> members = new HashMap<>();
        for (Person p : PEOPLE) {
            User user = User.byUsername(p.username()).orElseGet(() -> teams.newUser(p.username(), p.displayName(), PASSWORD));
            members.put(p.username(), teams.newMember(team, user, p.role(), p.salesRole()));
        }
        Map<String, Customer> customers = new HashMap<>();
        String[][] accounts = {
                {"Acme Logistics", "PARTNER", "Ops director who hates surprises; measured on on-time delivery."},
                {"Brightline Dental", "PROBLEM_SOLVER", "Practice manager, time-poor, values quick wins."},
                {"Cobalt Energy", "VENDOR", "Procurement-led; three vendors on every shortlist."},
                {"Delta Foods", "VENDOR", "Founder-run, decides fast once trust is there."},
                {"Evergreen Schools", "PROBLEM_SOLVER", "IT lead with a tight budget cycle (April)."},
                {"Fjord Analytics", "PARTNER", "Data team champion; refers peers often."},
                {"Granite Insurance", "VENDOR", "Risk-averse; security review before anything."},
                {"Harbor Clinics", "PROBLEM_SOLVER", "Clinical lead; wants fewer clicks for nurses."}};
        Instant now = Instant.now(clock);
        for (String[] a : accounts) {
            Customer c = new Customer();
            c.teamId = team.id;
            c.name = a[0];
            c.relationshipLevel = RelationshipLevel.valueOf(a[1]);
            c.persona = a[2];
            c.empathy.pains = "Manual hand-offs and late surprises";
            c.empathy.gains = "A predictable week";
            c.createdAt = now;
            c.updatedAt = now;
            c.persist();
            customers.put(a[0], c);
        }

        var sales = boards.newBoard(team, "Opportunities", BoardKind.SALES);
        List<BoardColumn> columns = BoardColumn.ofBoard(sales.id);
        columns.get(2).wipLimit = 5;
        Object[][] deals = {
                // column, title, customer, value, owner, source, referredBy, daysInColumn, blocked reason, class
                {0, "Fleet tracking pilot", "Acme Logistics", 18000, "ravi", Source.INBOUND, null, 2, null, ClassOfService.STANDARD},
                {0, "Chairside booking app", "Brightline Dental", 9500, "ravi", Source.REFERRAL, "Fjord Analytics", 1, null, ClassOfService.STANDARD},
                {0, "Grid outage dashboard", "Cobalt Energy", 42000, "ravi", Source.RESELLER, "PowerPartners Ltd", 12, null, ClassOfService.STANDARD},
                {0, "Supplier portal", "Delta Foods", 7200, "fiona", Source.DIRECT, null, 4, null, ClassOfService.INTANGIBLE},
                {1, "Classroom device rollout", "Evergreen Schools", 26000, "ravi", Source.INFLUENCER, "EdTech Weekly", 9, null, ClassOfService.FIXED_DATE},
                {1, "Claims triage automation", "Granite Insurance", 61000, "ravi", Source.DIRECT, null, 21, "Waiting on their security questionnaire", ClassOfService.STANDARD},
                {1, "Nurse rota mobile", "Harbor Clinics", 15500, "fiona", Source.REFERRAL, "Brightline Dental", 3, null, ClassOfService.STANDARD},
                {1, "Cold-chain sensors", "Delta Foods", 12800, "fiona", Source.INBOUND, null, 6, null, ClassOfService.STANDARD},
                {2, "Route optimisation licence", "Acme Logistics", 34000, "ravi", Source.DIRECT, null, 5, null, ClassOfService.EXPEDITE},
                {2, "Analytics seat expansion", "Fjord Analytics", 22000, "fiona", Source.DIRECT, null, 15, "Legal redlines on the MSA", ClassOfService.STANDARD},
                {2, "Patient portal phase 2", "Harbor Clinics", 48000, "fiona", Source.REFERRAL, "Fjord Analytics", 8, null, ClassOfService.FIXED_DATE},
                {2, "Smart meter reporting", "Cobalt Energy", 19000, "ravi", Source.RESELLER, "PowerPartners Ltd", 2, null, ClassOfService.STANDARD},
                {3, "Warehouse onboarding", "Acme Logistics", 27000, "fiona", Source.DIRECT, null, 10, null, ClassOfService.STANDARD},
                {3, "Teacher training days", "Evergreen Schools", 6400, "fiona", Source.INBOUND, null, 4, "Venue not confirmed", ClassOfService.FIXED_DATE},
                {3, "Dashboard go-live", "Fjord Analytics", 11000, "ravi", Source.DIRECT, null, 18, null, ClassOfService.STANDARD},
                {4, "Annual renewal 2026", "Fjord Analytics", 30000, "fiona", Source.DIRECT, null, 30, null, ClassOfService.STANDARD},
                {4, "Reference call programme", "Acme Logistics", 0, "fiona", Source.DIRECT, null, 14, null, ClassOfService.INTANGIBLE},
                {4, "Case study", "Brightline Dental", 0, "ravi", Source.DIRECT, null, 7, null, ClassOfService.INTANGIBLE},
                {0, "Insurance broker intro", "Granite Insurance", 8000, "ravi", Source.INFLUENCER, "Insure Summit speaker", 0, null, ClassOfService.STANDARD},
                {1, "Rural school bundle", "Evergreen Schools", 14000, "ravi", Source.RESELLER, "EduSupply", 27, null, ClassOfService.STANDARD}};
        Map<Long, String> lastRank = new HashMap<>();
        for (Object[] d : deals) {
            BoardColumn column = columns.get((Integer) d[0]);
            int days = (Integer) d[7];
            Card card = newCard(sales.id, column, lastRank, (String) d[1], now.minus(Duration.ofDays(days)));
            card.customerId = customers.get((String) d[2]).id;
            card.value = BigDecimal.valueOf((Integer) d[3]).setScale(2);
            card.ownerId = members.get((String) d[4]).id;
            card.farmerId = "ravi".equals(d[4]) && (Integer) d[0] >= 3 ? members.get("fiona").id : null;
            card.source = (Source) d[5];
            card.referredBy = (String) d[6];
            card.classOfService = (ClassOfService) d[9];
            card.dueDate = card.classOfService == ClassOfService.FIXED_DATE
                    ? LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(10 + days) : null;
            card.tags = new ArrayList<>(card.value.compareTo(BigDecimal.valueOf(30000)) >= 0 ? List.of("key-account") : List.of());
            if (d[8] != null) {
                card.blockedReason = (String) d[8];
                card.blockedSince = now.minus(Duration.ofDays(Math.max(1, days / 2)));
            }
            card.persist();
            created(card);
        }

        var improvement = boards.newBoard(team, "Improvements", BoardKind.IMPROVEMENT);
        List<BoardColumn> pdca = BoardColumn.ofBoard(improvement.id);
        Object[][] ideas = {
                {0, "Proposals take too long to send", List.of("Why late? Pricing needs finance sign-off",
                        "Why sign-off? Discounts over 10% need approval", "Why discounts? No value story in the deck",
                        "Why no story? Case studies are out of date", "Why out of date? Nobody owns them")},
                {0, "Inbound leads wait a day for a first call", List.of("Why a day? Leads land in a shared inbox nobody watches")},
                {1, "Research personas before first contact", List.of()},
                {2, "Shorter standup: walk the board right to left", List.of()},
                {3, "Referral ask after every go-live", List.of()}};
        for (Object[] idea : ideas) {
            Card card = newCard(improvement.id, pdca.get((Integer) idea[0]), lastRank, (String) idea[1],
                    now.minus(Duration.ofDays(3)));
            card.ownerId = members.get("lena").id;
            @SuppressWarnings("unchecked")
            List<String> whys = (List<String>) idea[2];
            card.whys = new ArrayList<>(whys);
            card.persist();
            created(card);
        }
    }

    private Card newCard(long boardId, BoardColumn column, Map<Long, String> lastRank, String title, Instant entered) {
        Card card = new Card();
        card.boardId = boardId;
        card.columnId = column.id;
        card.rank = Rank.between(lastRank.get(column.id), null);
        lastRank.put(column.id, card.rank);
        card.title = title;
        card.columnEnteredAt = entered;
        card.createdAt = entered.minus(Duration.ofDays(3));
        card.updatedAt = entered;
        return card;
    }

    private void created(Card card) {
        events.append(card.boardId, card.id, "card.created", "demo", "Card", () -> null,
                () -> Map.of("card", CardView.of(card)));
    }
}
