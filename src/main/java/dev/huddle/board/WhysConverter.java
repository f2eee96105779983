package dev.huddle.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/** A 5-whys chain as a JSON array of strings. */
@Converter
public class WhysConverter implements AttributeConverter<List<String>, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<String> whys) {
        if (whys == null || whys.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(whys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> convertToEntityAttribute(String stored) {
        if (stored == null || stored.isEmpty()) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(JSON.readValue(stored, LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored 5-whys chain is not JSON", e);
        }
    }
}
