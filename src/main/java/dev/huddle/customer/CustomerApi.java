package dev.huddle.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and view records of customers and touchpoints. */
public final class CustomerApi {
    private CustomerApi() {
    }

    public record EmpathyMap(@Size(max = 10000) String says, @Size(max = 10000) String thinks,
                             @Size(max = 10000) String does, @Size(max = 10000) String feels,
                             @Size(max = 10000) String pains, @Size(max = 10000) String gains) {
        static EmpathyMap of(Empathy e) {
            return new EmpathyMap(e.says, e.thinks, e.does, e.feels, e.pains, e.gains);
        }

        void applyTo(Empathy e) {
            e.says = says;
            e.thinks = thinks;
            e.does = does;
            e.feels = feels;
            e.pains = pains;
            e.gains = gains;
        }
    }

    public record CreateCustomer(@NotBlank @Size(max = 200) String name,
                                 @Schema(description = "default VENDOR") RelationshipLevel relationshipLevel,
                                 @Size(max = 10000) String persona,
                                 @Valid EmpathyMap empathy) {
    }

    public record PatchCustomer(Long version,
                                @Size(min = 1, max = 200) String name,
                                RelationshipLevel relationshipLevel,
                                @Size(max = 10000) String persona,
                                @Schema(description = "replaces the whole empathy map") @Valid EmpathyMap empathy) {
    }

    public record CustomerView(long id, long teamId, String name, RelationshipLevel relationshipLevel, String persona,
                               EmpathyMap empathy, long version, Instant createdAt, Instant updatedAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.teamId, c.name, c.relationshipLevel, c.persona,
                    EmpathyMap.of(c.empathy == null ? new Empathy() : c.empathy), c.version, c.createdAt, c.updatedAt);
        }
    }

    public record LogTouchpoint(@NotNull Channel channel, @Size(max = 10000) String note,
                                @Schema(description = "default: now; not in the future") Instant at) {
    }

    public record TouchpointView(long id, long cardId, Channel channel, String note, Instant at, Long memberId) {
        static TouchpointView of(Touchpoint t) {
            return new TouchpointView(t.id, t.cardId, t.channel, t.note, t.at, t.memberId);
        }
    }
}
