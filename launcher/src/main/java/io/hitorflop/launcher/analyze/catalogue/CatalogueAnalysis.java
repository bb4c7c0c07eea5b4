package io.hitorflop.launcher.analyze.catalogue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./hitorflop analyze catalogue.csv}: submits the catalogue as a batch, follows its progress
 * with a {@link ProgressBar}, downloads the results when it is COMPLETE and prints a
 * {@link ResultsSummary} and where the file is. {@link #analyze} answers 0 when the results are
 * written (or, without waiting, when the batch is accepted), 1 when the batch is not complete in
 * time, 2 on an API error. Whenever it stops before the results are written (a time-out, an error
 * after the 202, Ctrl-C: {@link #stoppedFollowing}) it prints how to fetch them later.
 */
public final class CatalogueAnalysis {

    /** Submissions answered 409 (the same Idempotency-Key still being accepted) that are tried again. */
    private static final int SUBMIT_ATTEMPTS = 10;
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(1);

    private final BatchesClient client;
    private final boolean withApiKey;
    private final Clock clock;
    private final Sleeper sleeper;
    private final boolean terminal;
    private final Duration timeout;
    private final PrintStream out;
    private final PrintStream err;
    /** The batch while its results are not yet written: what Ctrl-C must tell about. */
    private volatile Pending pending;

    private record Pending(BatchesClient.Submitted batch, CatalogueFile results) {
    }

    /**
     * @param withApiKey whether requests carry an API key (the hint to fetch later then names the header)
     * @param terminal   whether {@code out} is a terminal (the progress bar redraws in place)
     */
    public CatalogueAnalysis(BatchesClient client, boolean withApiKey, Clock clock, Sleeper sleeper, boolean terminal,
                             Duration timeout, PrintStream out, PrintStream err) {
        this.client = client;
        this.withApiKey = withApiKey;
        this.clock = clock;
        this.sleeper = sleeper;
        this.terminal = terminal;
        this.timeout = timeout;
        this.out = out;
        this.err = err;
    }

    /** Submits {@code catalogue}; with {@code follow}, waits for it to complete and writes {@code results}. */
    public int analyze(CatalogueFile catalogue, BatchOptions options, CatalogueFile results, boolean follow) {
        try {
            BatchesClient.Submitted batch = submit(catalogue, options);
            out.printf(Locale.ROOT, "submitted %s as batch %s: %,d rows (%,d accepted, %,d rejected)%n",
                    catalogue.file().getFileName(), batch.id(), batch.rows(), batch.accepted(), batch.rejected());
            if (!follow) {
                out.print(fetchLater(batch, results));
                return 0;
            }
            pending = new Pending(batch, results);
            Optional<BatchStatus> complete = follow(batch);
            if (complete.isEmpty()) {
                err.printf(Locale.ROOT, "analyze: batch %s not complete after %d s%n", batch.id(), timeout.toSeconds());
                err.print(fetchLater(batch, results));
                pending = null;
                return 1;
            }
            client.downloadResults(batch.results(), options.explain(), results);
            pending = null;
            return summarise(results, complete.get());
        } catch (BatchProblem problem) {
            err.println("analyze: the API refused the catalogue: " + problem.getMessage());
            tellHowToFetchLater();
            return 2;
        } catch (IOException e) {
            err.println("analyze: talking to the batch API failed: " + e);
            tellHowToFetchLater();
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tellHowToFetchLater();
            return 2;
        }
    }

    private int summarise(CatalogueFile results, BatchStatus complete) {
        ResultsSummary summary;
        try {
            summary = ResultsSummary.of(results);
        } catch (IOException unreadable) {
            err.printf(Locale.ROOT, "analyze: the results file %s is not %s as asked: %s%n", results.file(),
                    results.format().mediaType(), unreadable.getMessage().lines().findFirst().orElse(""));
            return 2;
        }
        out.print(summary.render(complete.lost(), complete.lostDetail()));
        if (summary.rows() + complete.lost() != complete.rows()) {
            err.printf(Locale.ROOT, "analyze: the results file has %,d rows, the batch %,d%s%n", summary.rows(), complete.rows(),
                    complete.lost() > 0 ? String.format(Locale.ROOT, " of which %,d lost", complete.lost()) : "");
        }
        out.println("results: " + results.file());
        return 0;
    }

    /**
     * Ctrl-C (the command's shutdown hook): if a batch was submitted and its results are not written
     * yet, says that it keeps running and how to fetch its results later.
     */
    public void stoppedFollowing() {
        if (pending != null && terminal) {
            out.println();
        }
        tellHowToFetchLater();
    }

    private void tellHowToFetchLater() {
        Pending stopped = pending;
        if (stopped != null) {
            err.printf(Locale.ROOT, "analyze: stopped following batch %s; it keeps running on the server.%n", stopped.batch().id());
            err.print(fetchLater(stopped.batch(), stopped.results()));
            pending = null;
        }
    }

    private BatchesClient.Submitted submit(CatalogueFile catalogue, BatchOptions options) throws IOException, InterruptedException {
        String idempotencyKey = CatalogueIdempotencyKey.of(catalogue.file(), options);
        for (int attempt = 1; ; attempt++) {
            try {
                return client.submit(catalogue, options, idempotencyKey);
            } catch (BatchProblem problem) {
                // 409: an earlier run's request with this key is still being accepted; its answer comes next time
                if (problem.status() != 409 || attempt == SUBMIT_ATTEMPTS) {
                    throw problem;
                }
                sleeper.sleep(problem.retryAfter().orElse(CONFLICT_RETRY));
            }
        }
    }

    private Optional<BatchStatus> follow(BatchesClient.Submitted batch) throws IOException, InterruptedException {
        ProgressBar bar = new ProgressBar(out, terminal, clock);
        try {
            return new BatchPoller(clock, sleeper).untilComplete(() -> client.status(batch.self()), bar::update,
                    clock.instant().plus(timeout));
        } finally {
            bar.finish();
        }
    }

    /** The batch's URLs, as two commands that fetch its progress and its results. */
    private String fetchLater(BatchesClient.Submitted batch, CatalogueFile results) {
        String key = withApiKey ? "-H \"X-API-Key: $HITORFLOP_API_KEY\" " : "";
        return String.format(Locale.ROOT, "  progress: curl -sS %s%s%n  results:  curl -sS %s-H 'Accept: %s' -o '%s' %s%n",
                key, batch.self(), key, results.format().mediaType(), results.file(), quoted(batch.results()));
    }

    private static String quoted(URI uri) {
        return uri.getQuery() == null ? uri.toString() : "'" + uri + "'";
    }
}
