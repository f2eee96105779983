package dev.huddle.ops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the k8s manifests with the fabric8 model (the manifest tests, and the benchmarks' replica settings). */
public final class Manifests {
    private Manifests() {
    }

    /** Every resource of one manifest file: its YAML documents that have a kind. */
    public static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(l -> l.startsWith("kind:"))) {
                resources.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return resources;
    }
}
