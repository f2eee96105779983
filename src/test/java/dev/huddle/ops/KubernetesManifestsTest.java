package dev.huddle.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parses every manifest in k8s/ and checks what a production rollout relies on. */
class KubernetesManifestsTest {
    /** Every environment variable the application needs in production (see docs/operations.md). */
    static final Set<String> REQUIRED_ENV = Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "HUDDLE_ADMIN_PASSWORD", "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY");

    private static final List<HasMetadata> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                RESOURCES.addAll(Manifests.read(file));
            }
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return RESOURCES.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    private static Container huddle() {
        return one(Deployment.class, "huddle").getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void everyKindIsThere() {
        assertThat(RESOURCES).extracting(HasMetadata::getKind).contains("ConfigMap", "Deployment", "Service",
                "PodDisruptionBudget", "StatefulSet", "Secret");
    }

    @Test
    void deploymentRunsSeveralHardenedReplicasWithProbesAndResources() {
        Deployment deployment = one(Deployment.class, "huddle");
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        var pod = deployment.getSpec().getTemplate().getSpec();
        // 1 s shutdown delay + 10 s shutdown timeout (application.properties) must fit in the grace period.
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(15L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container container = huddle();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(path(container.getStartupProbe())).isEqualTo("/q/health/started");
        assertThat(path(container.getLivenessProbe())).isEqualTo("/q/health/live");
        assertThat(path(container.getReadinessProbe())).isEqualTo("/q/health/ready");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
    }

    @Test
    void everyVariableTheAppReadsIsProvided() {
        Container container = huddle();
        Set<String> provided = new HashSet<>();
        for (EnvVar env : container.getEnv()) {
            provided.add(env.getName());
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                var ref = env.getValueFrom().getSecretKeyRef();
                assertThat(one(Secret.class, ref.getName()).getStringData()).as("secret key " + ref.getKey())
                        .containsKey(ref.getKey());
            }
        }
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                provided.addAll(one(ConfigMap.class, from.getConfigMapRef().getName()).getData().keySet());
            }
        }
        assertThat(provided).containsAll(REQUIRED_ENV);
        assertThat(one(ConfigMap.class, "huddle-config").getData().get("QUARKUS_DATASOURCE_JDBC_URL"))
                .startsWith("jdbc:postgresql://huddle-postgres:5432/");
    }

    @Test
    void serviceAndDisruptionBudgetSelectTheHuddlePods() {
        var labels = one(Deployment.class, "huddle").getSpec().getTemplate().getMetadata().getLabels();
        assertThat(labels).containsAllEntriesOf(one(Service.class, "huddle").getSpec().getSelector());
        PodDisruptionBudget budget = one(PodDisruptionBudget.class, "huddle");
        assertThat(labels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isGreaterThanOrEqualTo(1);
        assertThat(one(Service.class, "huddle").getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void postgresKeepsItsDataOnAVolumeAndIsReachableByTheConfiguredUrl() {
        StatefulSet postgres = one(StatefulSet.class, "huddle-postgres");
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).isNotEmpty();
        assertThat(one(Service.class, "huddle-postgres").getSpec().getPorts().get(0).getPort()).isEqualTo(5432);
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }
}
