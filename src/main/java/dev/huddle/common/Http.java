package dev.huddle.common;

import dev.huddle.common.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** Small request/response conventions of SPEC §4 shared by every resource. */
public final class Http {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Http() {
    }

    public static Response created(String location, Object body) {
        return Response.created(URI.create(location)).entity(body).build();
    }

    public static Response tagged(Object body, long version) {
        return Response.ok(body).tag(versionTag(version)).build();
    }

    /** A resource's version as its ETag, which If-Match gives back (see {@link #version}). */
    public static EntityTag versionTag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Whether {@code Accept-Encoding} (RFC 9110 §12.5.3) accepts gzip: named as {@code gzip} or {@code x-gzip}, or
     * covered by {@code *}, with a weight above 0; a weight that cannot be read counts as 0. Without the header the
     * answer is the identity encoding, which every client accepts.
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean named = null;
        boolean any = false;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean accepted = weight(parts) > 0;
            if (name.equals("gzip") || name.equals("x-gzip")) {
                named = named == Boolean.TRUE || accepted;
            } else if (name.equals("*")) {
                any = accepted;
            }
        }
        return named != null ? named : any;
    }

    /** The {@code q} parameter of a coding (1 without one; 0, i.e. not accepted, if it cannot be read). */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The version from the body, else from {@code If-Match: "<version>"}; one of them is required. */
    public static long version(Long bodyVersion, String ifMatch) {
        if (bodyVersion != null) {
            return bodyVersion;
        }
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            try {
                return Long.parseLong(tag);
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("If-Match", "must be the resource's version, e.g. \"3\"");
            }
        }
        throw ProblemException.invalid("version", "is required (in the body or as If-Match)");
    }

    public static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    public static Long optionalId(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a number");
        }
    }

    public static Boolean optionalBoolean(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(name, "must be true or false");
        };
    }

    /** A free-text query parameter: at most 200 characters, no NUL; blank means absent. */
    public static String optionalText(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > 200 || raw.indexOf('\u0000') >= 0) {
            throw ProblemException.invalid(name, "must be at most 200 characters of text");
        }
        return raw.strip();
    }

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    /** Dates a sales team can mean (and every database can store): years 1900 to 9999. */
    public static LocalDate plausible(String field, LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            throw ProblemException.invalid(field, "must be a date between 1900-01-01 and 9999-12-31");
        }
        return date;
    }

    private static final Instant EARLIEST_INSTANT = EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LATEST_INSTANT = LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    public static Instant plausible(String field, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST_INSTANT) || !instant.isBefore(LATEST_INSTANT))) {
            throw ProblemException.invalid(field, "must be between the years 1900 and 9999");
        }
        return instant;
    }

    public static <E extends Enum<E>> E optionalEnum(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim());
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E value : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(value.name());
            }
            throw ProblemException.invalid(name, "must be one of " + allowed);
        }
    }
}
