package io.hitorflop.launcher.build;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The modules of the root pom and, for each, the project modules it builds on (its non-test
 * dependencies on {@code io.hitorflop} artifacts), read from the poms themselves so the launcher
 * keeps no list of its own.
 */
public final class ReactorModules {

    private static final String GROUP = "io.hitorflop";

    /** Module directory by artifact id, in the root pom's order. */
    private final Map<String, String> directoryByArtifact = new LinkedHashMap<>();
    private final Map<String, List<String>> dependenciesByDirectory = new LinkedHashMap<>();

    private ReactorModules() {
    }

    public static ReactorModules read(Path root) {
        ReactorModules modules = new ReactorModules();
        Document rootPom = parse(root.resolve("pom.xml"));
        for (Element module : children(child(rootPom.getDocumentElement(), "modules"), "module")) {
            String directory = module.getTextContent().trim();
            Document pom = parse(root.resolve(directory).resolve("pom.xml"));
            modules.directoryByArtifact.put(text(pom.getDocumentElement(), "artifactId"), directory);
            List<String> dependencies = new ArrayList<>();
            for (Element dependency : children(child(pom.getDocumentElement(), "dependencies"), "dependency")) {
                if (GROUP.equals(text(dependency, "groupId")) && !"test".equals(text(dependency, "scope"))) {
                    dependencies.add(text(dependency, "artifactId"));
                }
            }
            modules.dependenciesByDirectory.put(directory, dependencies);
        }
        return modules;
    }

    /** The given module directories and every project module they build on, in reactor order. */
    public List<String> withUpstream(List<String> directories) {
        Set<String> needed = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(directories);
        while (!pending.isEmpty()) {
            String directory = pending.remove(pending.size() - 1);
            if (!dependenciesByDirectory.containsKey(directory)) {
                throw new IllegalArgumentException("no module " + directory + " in the root pom");
            }
            if (needed.add(directory)) {
                for (String artifact : dependenciesByDirectory.get(directory)) {
                    String upstream = directoryByArtifact.get(artifact);
                    if (upstream != null) {
                        pending.add(upstream);
                    }
                }
            }
        }
        return dependenciesByDirectory.keySet().stream().filter(needed::contains).toList();
    }

    private static Document parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                    found.add(element);
                }
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }
}
