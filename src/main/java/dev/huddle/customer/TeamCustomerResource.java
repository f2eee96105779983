package dev.huddle.customer;

import dev.huddle.common.Http;
import dev.huddle.customer.CustomerApi.CreateCustomer;
import dev.huddle.customer.CustomerApi.CustomerView;
import dev.huddle.customer.CustomerApi.LogTouchpoint;
import dev.huddle.customer.CustomerApi.PatchCustomer;
import dev.huddle.customer.CustomerApi.TouchpointView;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/teams/{teamId}/customers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public class TeamCustomerResource {
    private final CustomerService customers;

    TeamCustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @POST
    @Operation(summary = "Add a customer account (REP or LEADER)")
    public Response create(@PathParam("teamId") long teamId, @Valid @NotNull CreateCustomer request) {
        CustomerView customer = customers.create(teamId, request);
        return Http.created("/api/customers/" + customer.id(), customer);
    }

    @GET
    @Operation(summary = "The team's customers by name, optionally those whose name contains q")
    public List<CustomerView> list(@PathParam("teamId") long teamId, @QueryParam("q") String q,
                                   @QueryParam("limit") String limit) {
        return customers.list(teamId, q, Http.limit(limit));
    }
}
