package io.hitorflop.launcher.command;

import io.hitorflop.launcher.analyze.DemoSong;
import io.hitorflop.launcher.analyze.JobFollower;
import io.hitorflop.launcher.analyze.catalogue.BatchOptions;
import io.hitorflop.launcher.analyze.catalogue.BatchesClient;
import io.hitorflop.launcher.analyze.catalogue.CatalogueAnalysis;
import io.hitorflop.launcher.analyze.catalogue.CatalogueFile;
import io.hitorflop.launcher.analyze.catalogue.CatalogueFormat;
import io.hitorflop.launcher.analyze.catalogue.Sleeper;
import io.hitorflop.launcher.build.SystemTools;
import io.hitorflop.launcher.Component;
import io.hitorflop.launcher.stack.LocalStack;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Start the stack if needed, submit a song, show its progress as it happens (the job's event stream),",
                "the verdict and the job's dashboard link.",
                "A catalogue (.csv, .jsonl, .ndjson, or --catalogue) is submitted as a batch: a progress bar, then the",
                "results in <name>.results.csv next to it (or --output) and a summary.",
                "Exit code 0 when the job is DONE (a catalogue: its results are written), 1 when it FAILED or timed out,",
                "2 on a usage or API error."})
public final class AnalyzeCommand implements Callable<Integer> {

    @ParentCommand
    HitOrFlop launcher;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(paramLabel = "<file-or-link>",
                description = "an audio file, an http(s) link ingest fetches (direct audio, or a page through yt-dlp),"
                        + " or a catalogue (.csv, .jsonl, .ndjson: feature vectors or links, one per row)")
        String fileOrLink;

        @Option(names = "--demo", required = true,
                description = "generate a 30 s demo song (A minor, 120 BPM) with ffmpeg and analyse it")
        boolean demo;

        @Option(names = "--vector", required = true, paramLabel = "<json file>",
                description = "submit a spotify feature vector ({\"features\": {...}}) instead of audio")
        Path vector;
    }

    @Option(names = "--timeout-seconds", defaultValue = "900", paramLabel = "N",
            description = "longest wait for a final status, for a catalogue until it is COMPLETE (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--catalogue", description = "submit the file as a catalogue whatever its extension"
            + " (JSON Lines when it starts with '{', CSV otherwise)")
    boolean catalogue;

    @Option(names = "--output", paramLabel = "FILE",
            description = "a catalogue's results file (.csv or .jsonl/.ndjson; default: <name>.results.csv next to the catalogue)")
    Path output;

    @Option(names = "--no-wait", description = "a catalogue: submit it, print the batch's URLs and return")
    boolean noWait;

    @Option(names = "--explain", description = "a catalogue: every row gets its explanation (Shapley values; far slower)")
    boolean explain;

    @Option(names = "--feature-set", paramLabel = "NAME",
            description = "a catalogue of feature vectors: their feature set (default: the server's, spotify)")
    String featureSet;

    @Option(names = "--webhook-url", paramLabel = "URL", description = "a catalogue: the webhook told when the batch is complete")
    String webhookUrl;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:HITORFLOP_API_KEY}",
            description = "API key sent as X-API-Key, when the stack checks keys (default: env HITORFLOP_API_KEY)")
    String apiKey;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout-seconds must be positive");
        }
        Optional<CatalogueFile> catalogueFile = catalogueFile();
        if (catalogueFile.isPresent()) {
            return analyzeCatalogue(stackBase(), catalogueFile.get());
        }
        JobFollower.Submission submission = submission();
        return new JobFollower(stackBase(), Optional.ofNullable(apiKey), Duration.ofSeconds(timeoutSeconds), launcher.out(),
                launcher.err()).analyze(submission);
    }

    private URI stackBase() {
        LocalStack stack = Stacks.of(launcher);
        if (!stack.routerAnswers()) {
            Stacks.up(launcher, stack, launcher.settings().postgresUrl(), Optional.empty());
        }
        return URI.create("http://127.0.0.1:" + stack.port(Component.ROUTER));
    }

    /** The catalogue to submit as a batch, when the input is one: by its extension or {@code --catalogue}. */
    private Optional<CatalogueFile> catalogueFile() {
        boolean named = input.fileOrLink != null && !isLink(input.fileOrLink)
                && CatalogueFormat.ofFileName(Path.of(input.fileOrLink)).isPresent();
        if (!catalogue && !named) {
            if (output != null || noWait || explain || featureSet != null || webhookUrl != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "analyze: --output, --no-wait, --explain, --feature-set and --webhook-url apply to a catalogue"
                                + " (.csv, .jsonl, .ndjson or --catalogue)");
            }
            return Optional.empty();
        }
        if (input.fileOrLink == null || isLink(input.fileOrLink)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "analyze: --catalogue needs a file");
        }
        if (output != null && CatalogueFormat.ofFileName(output).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "analyze: --output must end in .csv, .jsonl or .ndjson: " + output);
        }
        Path file = existing(Path.of(input.fileOrLink));
        try {
            return Optional.of(new CatalogueFile(file, CatalogueFormat.of(file)));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private int analyzeCatalogue(URI base, CatalogueFile catalogueFile) {
        CatalogueFile results = output == null ? catalogueFile.defaultResults()
                : new CatalogueFile(output.toAbsolutePath(), CatalogueFormat.ofFileName(output).orElseThrow());
        BatchOptions options = new BatchOptions(Optional.ofNullable(featureSet), explain, Optional.ofNullable(webhookUrl));
        Optional<String> key = Optional.ofNullable(apiKey).filter(value -> !value.isBlank());
        CatalogueAnalysis analysis = new CatalogueAnalysis(new BatchesClient(base, key), key.isPresent(), Clock.systemUTC(),
                Sleeper.system(), System.console() != null, Duration.ofSeconds(timeoutSeconds), launcher.out(), launcher.err());
        // Ctrl-C ends the JVM: the hook says the batch keeps running and how to fetch its results later
        Thread ctrlC = new Thread(analysis::stoppedFollowing, "analyze-ctrl-c");
        Runtime.getRuntime().addShutdownHook(ctrlC);
        try {
            return analysis.analyze(catalogueFile, options, results, !noWait);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(ctrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came: the hook runs
            }
        }
    }

    private static boolean isLink(String fileOrLink) {
        return fileOrLink.startsWith("http://") || fileOrLink.startsWith("https://");
    }

    private JobFollower.Submission submission() {
        if (input.demo) {
            Path demo = launcher.settings().home().resolve("demo").resolve(DemoSong.FILE_NAME);
            SystemTools.ensureMediaTools(launcher.err());
            DemoSong.generate(demo);
            launcher.err().println("hitorflop: generated " + demo + " (A minor, 120 BPM, 30 s)");
            return new JobFollower.AudioFile(demo);
        }
        if (input.vector != null) {
            return new JobFollower.VectorFile(existing(input.vector));
        }
        if (isLink(input.fileOrLink)) {
            return new JobFollower.Link(input.fileOrLink);
        }
        return new JobFollower.AudioFile(existing(Path.of(input.fileOrLink)));
    }

    private Path existing(Path file) {
        return Optional.of(file).filter(Files::isRegularFile).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "analyze: no such file: " + file));
    }
}
