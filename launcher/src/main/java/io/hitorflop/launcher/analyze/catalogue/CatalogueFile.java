package io.hitorflop.launcher.analyze.catalogue;

import java.nio.file.Path;

/** A catalogue to submit, or the results file to write, with its format. */
public record CatalogueFile(Path file, CatalogueFormat format) {

    /** {@code <name>.results.csv} next to the catalogue: where its results go unless {@code --output} says otherwise. */
    public CatalogueFile defaultResults() {
        Path absolute = file.toAbsolutePath();
        String name = CatalogueFormat.baseName(absolute) + ".results" + CatalogueFormat.CSV.extension();
        return new CatalogueFile(absolute.resolveSibling(name), CatalogueFormat.CSV);
    }
}
