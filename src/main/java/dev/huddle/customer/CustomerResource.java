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

@Path("/api/customers/{customerId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public class CustomerResource {
    private final CustomerService customers;

    CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    @Operation(summary = "One customer")
    public Response get(@PathParam("customerId") long customerId) {
        CustomerView customer = customers.get(customerId);
        return Http.tagged(customer, customer.version());
    }

    @PATCH
    @Operation(summary = "Edit a customer: name, relationship level, persona, empathy map")
    public CustomerView patch(@PathParam("customerId") long customerId, @HeaderParam("If-Match") String ifMatch,
                              @Valid @NotNull PatchCustomer request) {
        return customers.patch(customerId, request, Http.version(request.version(), ifMatch));
    }

}
