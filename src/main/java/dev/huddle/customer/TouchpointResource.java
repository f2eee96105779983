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

@Path("/api/cards/{cardId}/touchpoints")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cards")
public class TouchpointResource {
    private final CustomerService customers;

    TouchpointResource(CustomerService customers) {
        this.customers = customers;
    }

    @POST
    @Operation(summary = "Log an interaction with the buyer on a card")
    public Response logTouchpoint(@PathParam("cardId") long cardId, @Valid @NotNull LogTouchpoint request) {
        TouchpointView touchpoint = customers.logTouchpoint(cardId, request);
        return Http.created("/api/cards/" + cardId + "/touchpoints", touchpoint);
    }

    @GET
    @Operation(summary = "A card's touchpoints, newest first")
    public List<TouchpointView> touchpoints(@PathParam("cardId") long cardId, @QueryParam("limit") String limit) {
        return customers.touchpoints(cardId, Http.limit(limit));
    }
}
