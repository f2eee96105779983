package dev.huddle.common;

import java.util.Locale;

/** LIKE patterns for user text: wildcards in the text match only themselves (queries use {@code escape '\'}). */
public final class Like {
    private Like() {
    }

    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Matches values that contain {@code text}, compared in lower case. */
    public static String containsIgnoringCase(String text) {
        return "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
    }
}
