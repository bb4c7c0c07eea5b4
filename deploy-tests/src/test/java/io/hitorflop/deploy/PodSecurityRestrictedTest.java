package io.hitorflop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * Every pod template of every overlay against the Pod Security Standards' "restricted" profile
 * (kubernetes.io/docs/concepts/security/pod-security-standards, the rules of Kubernetes 1.37; it
 * includes "baseline"). The local overlay has two exceptions: host ports (podman kube play publishes
 * container ports through them, on 127.0.0.1) and its PostgreSQL; it is for podman, or a namespace
 * labelled "privileged", never for a restricted one.
 */
class PodSecurityRestrictedTest {

    /** Volume types "restricted" allows. */
    private static final Set<String> ALLOWED_VOLUME_TYPES = Set.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> SECCOMP_ALLOWED = Set.of("RuntimeDefault", "Localhost");

    @Test
    void everyProductionPodIsRestricted() {
        List<String> violations = new ArrayList<>();
        Workloads.podSpecs(Manifests.ofOverlay("production")).forEach((name, pod) -> violations.addAll(violations(name, pod, false)));

        assertThat(violations).isEmpty();
    }

    /** The API server enforces the same profile: a pod that slips past these checks is still refused. */
    @Test
    void theProductionNamespaceEnforcesRestricted() {
        assertThat(Manifests.ofOverlay("production").named("Namespace", "hitorflop")
                .at("/metadata/labels/pod-security.kubernetes.io~1enforce").asString()).isEqualTo("restricted");
    }

    /**
     * The local overlay's PostgreSQL starts as root (postgres.yaml says why); it is the one exception,
     * and exactly these are its violations, so any other one, or a fix that makes the list obsolete,
     * fails here.
     */
    @Test
    void everyLocalPodIsRestrictedButPostgres() {
        List<String> violations = new ArrayList<>();
        Workloads.podSpecs(Manifests.ofOverlay("local")).forEach((name, pod) -> violations.addAll(violations(name, pod, true)));

        assertThat(violations).containsExactlyInAnyOrder(
                "postgres/postgres: runAsNonRoot not true",
                "postgres/postgres: adds capabilities [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]");
    }

    @Test
    void aPodThatBreaksTheRulesIsReported() {
        Deployment deployment = (Deployment) StrictSchemas.read(
                Manifests.ofOverlay("production").named("Deployment", "ingest-service").deepCopy());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        pod.getSecurityContext().setSeccompProfile(null);
        Container container = pod.getContainers().get(0);
        container.getSecurityContext().setSeccompProfile(null);
        container.getSecurityContext().setAllowPrivilegeEscalation(null);
        container.getSecurityContext().getCapabilities().setAdd(List.of("SYS_ADMIN"));
        container.getPorts().get(0).setHostPort(8080);
        pod.getVolumes().add(new VolumeBuilder().withName("host").withNewHostPath("/", null).build());

        assertThat(violations("ingest-service", pod, false)).containsExactlyInAnyOrder(
                "ingest-service: volume host of type another (hostPath, nfs, ...)",
                "ingest-service/ingest-service: allowPrivilegeEscalation not false",
                "ingest-service/ingest-service: seccompProfile neither RuntimeDefault nor Localhost",
                "ingest-service/ingest-service: adds capabilities [SYS_ADMIN]",
                "ingest-service/ingest-service: hostPort");
    }

    static List<String> violations(String workload, PodSpec pod, boolean hostPortsAllowed) {
        List<String> violations = new ArrayList<>();
        PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add(workload + ": host namespaces");
        }
        for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            String type = volumeType(volume);
            if (!ALLOWED_VOLUME_TYPES.contains(type)) {
                violations.add(workload + ": volume " + volume.getName() + " of type " + type);
            }
        }
        if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
            violations.add(workload + ": pod runAsUser 0");
        }
        if (podContext.getSysctls() != null && !podContext.getSysctls().isEmpty()) {
            violations.add(workload + ": sysctls");
        }
        if (podContext.getSeLinuxOptions() != null) {
            violations.add(workload + ": seLinuxOptions");
        }
        boolean podNonRoot = Boolean.TRUE.equals(podContext.getRunAsNonRoot());
        Optional<String> podSeccomp = Optional.ofNullable(podContext.getSeccompProfile()).map(SeccompProfile::getType);
        podSeccomp.filter(type -> !SECCOMP_ALLOWED.contains(type))
                .ifPresent(type -> violations.add(workload + ": pod seccompProfile " + type));

        for (Container container : containers(pod)) {
            String where = workload + "/" + container.getName();
            SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                violations.add(where + ": privileged");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                violations.add(where + ": allowPrivilegeEscalation not false");
            }
            if (Boolean.FALSE.equals(context.getRunAsNonRoot()) || !(podNonRoot || Boolean.TRUE.equals(context.getRunAsNonRoot()))) {
                violations.add(where + ": runAsNonRoot not true");
            }
            if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
                violations.add(where + ": runAsUser 0");
            }
            Optional<String> seccomp = Optional.ofNullable(context.getSeccompProfile()).map(SeccompProfile::getType);
            if (seccomp.or(() -> podSeccomp).filter(SECCOMP_ALLOWED::contains).isEmpty()) {
                violations.add(where + ": seccompProfile neither RuntimeDefault nor Localhost");
            }
            Capabilities capabilities = Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
            if (capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
                violations.add(where + ": capabilities do not drop ALL");
            }
            if (capabilities.getAdd() != null && !Set.of("NET_BIND_SERVICE").containsAll(capabilities.getAdd())) {
                violations.add(where + ": adds capabilities " + capabilities.getAdd());
            }
            if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
                violations.add(where + ": procMount " + context.getProcMount());
            }
            if (context.getSeLinuxOptions() != null) {
                violations.add(where + ": seLinuxOptions");
            }
            boolean hostPorts = Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                    .anyMatch(port -> port.getHostPort() != null && port.getHostPort() != 0);
            if (hostPorts && !hostPortsAllowed) {
                violations.add(where + ": hostPort");
            }
        }
        return violations;
    }

    private static List<Container> containers(PodSpec pod) {
        return Stream.concat(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(),
                pod.getContainers().stream()).toList();
    }

    /** The volume source that is set, by its field name in the API. */
    private static String volumeType(Volume volume) {
        if (volume.getConfigMap() != null) {
            return "configMap";
        }
        if (volume.getCsi() != null) {
            return "csi";
        }
        if (volume.getDownwardAPI() != null) {
            return "downwardAPI";
        }
        if (volume.getEmptyDir() != null) {
            return "emptyDir";
        }
        if (volume.getEphemeral() != null) {
            return "ephemeral";
        }
        if (volume.getPersistentVolumeClaim() != null) {
            return "persistentVolumeClaim";
        }
        if (volume.getProjected() != null) {
            return "projected";
        }
        if (volume.getSecret() != null) {
            return "secret";
        }
        return "another (hostPath, nfs, ...)";
    }
}
