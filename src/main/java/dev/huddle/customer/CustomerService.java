package dev.huddle.customer;

import dev.huddle.board.CardService;
import dev.huddle.common.Http;
import dev.huddle.common.problem.ProblemException;
import dev.huddle.customer.CustomerApi.CreateCustomer;
import dev.huddle.customer.CustomerApi.CustomerView;
import dev.huddle.customer.CustomerApi.LogTouchpoint;
import dev.huddle.customer.CustomerApi.PatchCustomer;
import dev.huddle.customer.CustomerApi.TouchpointView;
import dev.huddle.security.TeamAccess;
import dev.huddle.security.TeamAccess.Caller;
import dev.huddle.team.Role.Permission;
import dev.huddle.team.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class CustomerService {
    private final TeamAccess access;
    private final CardService cards;
    private final Clock clock;

    CustomerService(TeamAccess access, CardService cards, Clock clock) {
        this.access = access;
        this.cards = cards;
        this.clock = clock;
    }

    @Transactional
    public CustomerView create(long teamId, CreateCustomer request) {
        Team.existing(teamId);
        access.require(teamId, Permission.EDIT_CARDS, "Team");
        Instant now = Instant.now(clock);
        Customer customer = new Customer();
        customer.teamId = teamId;
        customer.name = request.name().strip();
        if (request.relationshipLevel() != null) {
            customer.relationshipLevel = request.relationshipLevel();
        }
        customer.persona = request.persona();
        if (request.empathy() != null) {
            request.empathy().applyTo(customer.empathy);
        }
        customer.createdAt = now;
        customer.updatedAt = now;
        customer.persist();
        return CustomerView.of(customer);
    }

    @Transactional
    public List<CustomerView> list(long teamId, String text, int limit) {
        Team.existing(teamId);
        access.require(teamId, Permission.READ, "Team");
        return Customer.ofTeam(teamId, Http.optionalText("q", text), limit).stream().map(CustomerView::of).toList();
    }

    @Transactional
    public CustomerView get(long customerId) {
        return CustomerView.of(customer(customerId, Permission.READ));
    }

    @Transactional
    public CustomerView patch(long customerId, PatchCustomer request, long version) {
        Customer customer = customer(customerId, Permission.EDIT_CARDS);
        if (customer.version != version) {
            CustomerView current = CustomerView.of(customer);
            throw ProblemException.stale("Customer", () -> current);
        }
        if (request.name() != null) {
            if (request.name().isBlank()) {
                throw ProblemException.invalid("name", "must not be blank");
            }
            customer.name = request.name().strip();
        }
        if (request.relationshipLevel() != null) {
            customer.relationshipLevel = request.relationshipLevel();
        }
        if (request.persona() != null) {
            customer.persona = request.persona();
        }
        if (request.empathy() != null) {
            request.empathy().applyTo(customer.empathy);
        }
        customer.updatedAt = Instant.now(clock);
        try {
            customer.persistAndFlush();
        } catch (OptimisticLockException e) {
            throw ProblemException.stale("Customer", () -> reread(customerId));
        }
        return CustomerView.of(customer);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Object reread(long customerId) {
        Customer customer = Customer.findById(customerId);
        return customer == null ? null : CustomerView.of(customer);
    }

    @Transactional
    public TouchpointView logTouchpoint(long cardId, LogTouchpoint request) {
        CardService.Scoped scoped = cards.card(cardId, Permission.EDIT_CARDS);
        Caller caller = scoped.caller();
        Instant now = Instant.now(clock);
        Http.plausible("at", request.at());
        if (request.at() != null && request.at().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ProblemException.invalid("at", "must not be in the future");
        }
        Touchpoint touchpoint = new Touchpoint();
        touchpoint.cardId = cardId;
        touchpoint.channel = request.channel();
        touchpoint.note = request.note();
        touchpoint.at = request.at() == null ? now : request.at();
        touchpoint.memberId = caller.memberId();
        touchpoint.createdAt = now;
        touchpoint.persist();
        return TouchpointView.of(touchpoint);
    }

    @Transactional
    public List<TouchpointView> touchpoints(long cardId, int limit) {
        cards.card(cardId, Permission.READ);
        return Touchpoint.ofCard(cardId, limit).stream().map(TouchpointView::of).toList();
    }

    private Customer customer(long customerId, Permission permission) {
        Customer customer = Customer.<Customer>findByIdOptional(customerId)
                .orElseThrow(() -> ProblemException.notFound("Customer"));
        access.require(customer.teamId, permission, "Customer");
        return customer;
    }
}
