package dev.huddle.board;

import dev.huddle.common.Like;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stores tags as "|a|b|" in one column: no extra query per card, and a tag filter is a LIKE on "|tag|".
 * Tags may not contain '|' (validated on input).
 */
@Converter
public class TagsConverter implements AttributeConverter<List<String>, String> {
    @Override
    public String convertToDatabaseColumn(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return "";
        }
        return "|" + String.join("|", tags) + "|";
    }

    @Override
    public List<String> convertToEntityAttribute(String stored) {
        if (stored == null || stored.length() < 2) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.asList(stored.substring(1, stored.length() - 1).split("\\|")));
    }

    /** The LIKE pattern matching cards carrying exactly this tag ('\' escapes LIKE wildcards). */
    public static String likePattern(String tag) {
        return "%|" + Like.escape(tag) + "|%";
    }
}
