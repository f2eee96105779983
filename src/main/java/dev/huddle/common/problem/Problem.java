package dev.huddle.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, the body of every error Huddle sends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(examples = "/problems/validation") String type,
        String title,
        int status,
        String detail,
        @Schema(description = "Fields at fault, for validation problems") List<FieldError> errors,
        @Schema(description = "The resource as it is now, for stale-version problems") Object current) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }
}
