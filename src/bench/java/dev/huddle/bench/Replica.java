package dev.huddle.bench;

import dev.huddle.ops.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How k8s/huddle.yaml runs a replica, read from the manifest itself so the benchmark cannot drift from it: the
 * JVM options of its ConfigMap (JAVA_OPTS_APPEND, with {@code -XX:MaxRAM} standing in for the container's memory
 * limit) and the environment the ConfigMap gives the JVM and glibc besides them (MALLOC_ARENA_MAX).
 */
record Replica(List<String> jvmOptions, Map<String, String> environment) {
    static final Path MANIFEST = Path.of("k8s", "huddle.yaml");

    static Replica fromManifest() throws IOException {
        ConfigMap config = null;
        Deployment deployment = null;
        for (HasMetadata resource : Manifests.read(MANIFEST)) {
            if (resource instanceof ConfigMap map && map.getMetadata().getName().equals("huddle-config")) {
                config = map;
            } else if (resource instanceof Deployment d && d.getMetadata().getName().equals("huddle")) {
                deployment = d;
            }
        }
        if (config == null || deployment == null) {
            throw new IllegalStateException(MANIFEST + " has no ConfigMap huddle-config or no Deployment huddle");
        }
        Quantity limit = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                .getLimits().get("memory");
        long limitMiB = Quantity.getAmountInBytes(limit).longValueExact() / (1024 * 1024);
        List<String> options = new ArrayList<>();
        options.add("-XX:MaxRAM=" + limitMiB + "m");
        options.addAll(List.of(config.getData().get("JAVA_OPTS_APPEND").trim().split("\\s+")));
        return new Replica(List.copyOf(options), Map.of("MALLOC_ARENA_MAX", config.getData().get("MALLOC_ARENA_MAX")));
    }
}
