package io.hitorflop.launcher.command;

import io.hitorflop.launcher.analyze.DemoSong;
import io.hitorflop.launcher.analyze.JobFollower;
import io.hitorflop.launcher.build.SystemTools;
import io.hitorflop.launcher.Component;
import io.hitorflop.launcher.stack.LocalStack;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Start the stack if needed, submit a song, show its progress as it happens (the job's event stream),",
                "the verdict and the job's dashboard link.",
                "Exit code 0 when the job is DONE, 1 when it FAILED or timed out, 2 on a usage or API error."})
public final class AnalyzeCommand implements Callable<Integer> {

    @ParentCommand
    HitOrFlop launcher;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(paramLabel = "<file-or-link>",
                description = "an audio file, or an http(s) link ingest fetches (direct audio, or a page through yt-dlp)")
        String fileOrLink;

        @Option(names = "--demo", required = true,
                description = "generate a 30 s demo song (A minor, 120 BPM) with ffmpeg and analyse it")
        boolean demo;

        @Option(names = "--vector", required = true, paramLabel = "<json file>",
                description = "submit a spotify feature vector ({\"features\": {...}}) instead of audio")
        Path vector;
    }

    @Option(names = "--timeout-seconds", defaultValue = "900", paramLabel = "N",
            description = "longest wait for a final status (default ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:HITORFLOP_API_KEY}",
            description = "API key sent as X-API-Key, when the stack checks keys (default: env HITORFLOP_API_KEY)")
    String apiKey;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout-seconds must be positive");
        }
        JobFollower.Submission submission = submission();
        LocalStack stack = Stacks.of(launcher);
        if (!stack.routerAnswers()) {
            Stacks.up(launcher, stack, launcher.settings().postgresUrl(), Optional.empty());
        }
        URI base = URI.create("http://127.0.0.1:" + stack.port(Component.ROUTER));
        return new JobFollower(base, Optional.ofNullable(apiKey), Duration.ofSeconds(timeoutSeconds), launcher.out(), launcher.err())
                .analyze(submission);
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
        if (input.fileOrLink.startsWith("http://") || input.fileOrLink.startsWith("https://")) {
            return new JobFollower.Link(input.fileOrLink);
        }
        return new JobFollower.AudioFile(existing(Path.of(input.fileOrLink)));
    }

    private Path existing(Path file) {
        return Optional.of(file).filter(Files::isRegularFile).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "analyze: no such file: " + file));
    }
}
