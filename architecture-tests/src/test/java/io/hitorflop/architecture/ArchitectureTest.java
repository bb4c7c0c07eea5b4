package io.hitorflop.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.Slice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules over the main classes of every module on this module's test class path (its pom lists
 * them). A failure names the rule and, for a cycle, the packages in it and the dependencies that
 * close it.
 */
class ArchitectureTest {

    private static final Set<String> SERVICES = Set.of("ingest", "feature", "inference", "results");

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hitorflop");
    }

    /** Every package is its own slice, so a parent and its sub-package (engine ↔ engine.tonal) count as two. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.hitorflop.(**)").namingSlices("io.hitorflop.$1")
                .should().beFreeOfCycles()
                .because("a package cycle means neither package can be understood, tested or moved alone")
                .check(mainClasses);
    }

    /** The services meet only through Kafka and the contract; a class shared by two belongs in a library module. */
    @Test
    void servicesDoNotDependOnEachOther() {
        slices().matching("io.hitorflop.(*)..").namingSlices("io.hitorflop.$1")
                .that(DescribedPredicate.describe("are services " + SERVICES, (Slice slice) -> SERVICES.contains(slice.getNamePart(1))))
                .should().notDependOnEachOther()
                .check(mainClasses);
    }

    /** The training pipeline, the benchmarks and the features CLI use these without a Quarkus application. */
    @Test
    void contractAndFeatureEngineUseNoQuarkus() {
        noClasses().that().resideInAnyPackage("io.hitorflop.contract..", "io.hitorflop.feature.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "io.smallrye..", "io.vertx..", "jakarta.enterprise..", "jakarta.inject..",
                        "jakarta.ws.rs..", "org.eclipse.microprofile..")
                .check(mainClasses);
    }

    /** Guards the rules above against a module added to the root pom but not to this module's dependencies. */
    @Test
    void everyModuleWithMainClassesIsChecked() throws Exception {
        Path root = Path.of("..");
        List<String> modulesWithMainClasses = new ArrayList<>();
        NodeList modules = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve("pom.xml").toFile()).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            if (Files.isDirectory(root.resolve(module).resolve("src/main/java"))) {
                modulesWithMainClasses.add(module);
            }
        }
        // A reactor build imports from <module>/target/..., an installed one from .../io/hitorflop/<module>/...;
        // a class may also come from a copy of the module's jar (<module>-<version>.jar) that another
        // jar's manifest Class-Path names, as the launcher's lib/ does: ArchUnit follows those.
        Set<String> importedLocations = mainClasses.stream()
                .map(JavaClass::getSource)
                .flatMap(source -> source.stream().map(s -> s.getUri().toString()))
                .collect(Collectors.toSet());

        List<String> unchecked = modulesWithMainClasses.stream()
                .filter(module -> importedLocations.stream().noneMatch(location -> location.contains("/" + module + "/")
                        || location.matches(".*/" + Pattern.quote(module) + "-\\d[^/]*\\.jar!/.*")))
                .toList();

        assertThat(modulesWithMainClasses).as("modules of the root pom with main classes").isNotEmpty();
        assertThat(unchecked).as("modules whose classes were not imported: add each to architecture-tests/pom.xml").isEmpty();
    }
}
