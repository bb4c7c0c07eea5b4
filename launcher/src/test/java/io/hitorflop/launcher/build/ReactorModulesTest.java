package io.hitorflop.launcher.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorModulesTest {

    @TempDir
    Path root;

    /** A root pom with modules a (no project dependency), b (needs a) and c (needs b, and a only for its tests). */
    private void project() throws IOException {
        Files.writeString(root.resolve("pom.xml"), """
                <project><modules><module>a</module><module>b</module><module>c</module><module>d</module></modules></project>""");
        module("a", "");
        module("b", dependency("a", null) + dependency("commons-io", null).replace("io.hitorflop", "commons-io"));
        module("c", dependency("b", null) + dependency("a", "test"));
        module("d", "");
    }

    private void module(String name, String dependencies) throws IOException {
        Files.createDirectories(root.resolve(name).resolve("src/main/java"));
        Files.writeString(root.resolve(name).resolve("pom.xml"), "<project><artifactId>" + name + "-artifact</artifactId>"
                + "<dependencies>" + dependencies + "</dependencies></project>");
    }

    private static String dependency(String module, String scope) {
        return "<dependency><groupId>io.hitorflop</groupId><artifactId>" + module + "-artifact</artifactId>"
                + (scope == null ? "" : "<scope>" + scope + "</scope>") + "</dependency>";
    }

    @Test
    void upstreamModulesComeFromThePomsInReactorOrder() throws IOException {
        project();

        ReactorModules modules = ReactorModules.read(root);

        assertThat(modules.withUpstream(List.of("c"))).containsExactly("a", "b", "c");
        assertThat(modules.withUpstream(List.of("d"))).containsExactly("d");
    }

    @Test
    void aSourceOfAnUpstreamModuleNewerThanTheArtifactMeansABuild() throws IOException {
        project();
        Path artifact = Files.writeString(root.resolve("c").resolve("c.jar"), "jar");
        Instant built = Instant.parse("2026-01-01T00:00:00Z");
        try (var files = Files.walk(root)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(built.minusSeconds(60)));
            }
        }
        Files.setLastModifiedTime(artifact, FileTime.from(built));
        ProjectBuild build = new ProjectBuild(root, false, System.err);

        assertThat(build.needsBuild(List.of("c"), List.of(artifact))).isFalse();

        Path source = Files.writeString(root.resolve("a/src/main/java/A.java"), "class A {}");
        Files.setLastModifiedTime(source, FileTime.from(built.plusSeconds(1)));
        assertThat(build.needsBuild(List.of("c"), List.of(artifact))).isTrue();
        assertThat(build.needsBuild(List.of("d"), List.of(artifact))).isFalse();
        assertThat(build.needsBuild(List.of("d"), List.of(root.resolve("missing.jar")))).isTrue();
    }
}
