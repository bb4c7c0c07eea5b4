package io.hitorflop.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The documents of a rendered multi-document YAML, as trees, in order. */
public record Manifests(List<JsonNode> documents) {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    public static Manifests parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return new Manifests(List.copyOf(documents));
    }

    /** The overlay {@code deploy/overlays/<overlay>} as kubectl renders it (rendered once per test run). */
    public static Manifests ofOverlay(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> parse(Kustomize.render("overlays/" + name)));
    }

    public List<JsonNode> ofKind(String kind) {
        return select(document -> kind.equals(document.path("kind").asString()));
    }

    public JsonNode named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(document -> name.equals(document.path("metadata").path("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered manifests"));
    }

    public List<JsonNode> select(Predicate<JsonNode> filter) {
        return documents.stream().filter(filter).toList();
    }

    /** "Kind/name" of a document, for messages. */
    public static String describe(JsonNode document) {
        return document.path("kind").asString() + "/" + document.path("metadata").path("name").asString();
    }
}
