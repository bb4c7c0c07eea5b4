package io.hitorflop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitorflop.launcher.analyze.ServerSentEventReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium} and {@code chromedriver},
 * driven by Selenium) against the real stack, with API keys on: the page is served by the router
 * on the API's origin and talks to the services through it. One stack for every check here.
 * <p>
 * Screenshots (desktop and 375 px, quantised to 128 colours by ffmpeg like the ones in
 * {@code docs/}) are written to {@code target/dashboard-screenshots/}; the README's command copies
 * them to {@code docs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class DashboardBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "dashboard-e2e-key-5b0d8e2a9c4f1736";
    private static final String KEY_STORAGE = "hitorflop.apiKey";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(375, 800);

    private final HttpClient http = HttpClient.newHttpClient();
    private LauncherStack stack;
    private WebDriver browser;
    private Path screenshots;
    private Path workDirectory;
    /** The song uploaded through the page, once it is DONE: its id and its JSON from the API. */
    private JsonNode songJob;

    @BeforeAll
    void up() throws Exception {
        Path e2eHome = Path.of(System.getProperty("hitorflop.e2e.home", "target/e2e-home")).toAbsolutePath();
        screenshots = e2eHome.resolveSibling("dashboard-screenshots");
        workDirectory = e2eHome.resolveSibling("dashboard-work");
        Files.createDirectories(screenshots);
        Files.createDirectories(workDirectory);
        stack = LauncherStack.up(Path.of(System.getProperty("hitorflop.root", "..")).toAbsolutePath().normalize(),
                e2eHome.resolveSibling("e2e-dashboard"), Map.of(
                        "HITORFLOP_SECURITY_API_KEYS_ENABLED", "true",
                        "HITORFLOP_SECURITY_API_KEYS_KEYS", "dashboard:" + sha256(KEY)));
        browser = chromium();
    }

    @AfterAll
    void down() {
        if (browser != null) {
            browser.quit();
        }
        LauncherStack.downLeavingNothing(stack);
    }

    /** Debian's browser and driver; Selenium Manager is never asked (it would go to the network). */
    private static WebDriver chromium() {
        File driver = new File(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));
        File binary = new File(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
        assertThat(driver).as("chromedriver (Debian package chromium-driver; ./hitorflop test installs it)").canRead();
        assertThat(binary).as("chromium (Debian package chromium; ./hitorflop test installs it)").canRead();
        ChromeOptions options = new ChromeOptions().setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return browser;
    }

    @Test
    @Order(1)
    void withKeysOnTheFirstAnswerIsThe401ProblemAndThePageAsksForTheKeyKeepingItInThisTabOnly() throws Exception {
        submitVector(0.5); // so the list has a row to show
        browser.manage().window().setSize(DESKTOP);
        browser.get(url("/jobs"));
        waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".problem[data-problem-type='unauthorized']")));
        waitFor(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#api-key-dialog[open]")));

        browser.findElement(By.id("api-key-input")).sendKeys(KEY, Keys.ENTER);

        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table tbody tr")));
        assertThat(script("return sessionStorage.getItem(arguments[0])", KEY_STORAGE)).isEqualTo(KEY);
        assertThat(script("return localStorage.length")).isEqualTo(0L);
    }

    @Test
    @Order(2)
    void firstPaintOfTheRoutersPageIsMeasured() throws Exception {
        useKey();
        browser.get(url("/"));
        waitFor(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#file-input")));
        Object paint = script("return performance.getEntriesByType('paint').map(e => e.name + '=' + Math.round(e.startTime)).join(' ')");
        // a figure for the README, not a pass mark: the machine is shared (timed tests flake)
        Files.writeString(screenshots.resolve("first-paint.txt"), paint + System.lineSeparator());
        assertThat(String.valueOf(paint)).contains("first-contentful-paint=");
    }

    @Test
    @Order(3)
    void aSongUploadedThroughTheFileInputIsFollowedLiveToDoneWithoutLayoutJumps() throws Exception {
        LiveRun run = uploadSongAndWait();

        assertThat(run.modes()).as("how the page followed the job").anyMatch(mode -> mode.startsWith("Live"));
        assertThat(run.states()).as("step states seen while the job ran").anyMatch(state -> state.endsWith(":current"));
        assertThat(run.cardTopsWhenDone()).as("card tops while running vs done (px)").isEqualTo(run.cardTopsWhileRunning());
        assertThat(script("return document.querySelector(\".timeline li[data-step='DONE']\").dataset.state")).isEqualTo("done");
        waitFor(Duration.ofSeconds(120)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#explanation-bars li[data-feature]")));
        screenshot("dashboard-job-desktop.png");
    }

    @Test
    @Order(4)
    void theVerdictOnThePageIsTheApisVerdict() throws Exception {
        JsonNode verdict = songJob().path("verdict");
        // read in one script: the page re-renders parts of the view while it follows the job
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) script("""
                return { label: document.getElementById('verdict-label').textContent,
                         probability: document.getElementById('verdict-probability').dataset.probability,
                         votes: [...document.querySelectorAll('#votes tbody tr')].map((row) =>
                           [row.dataset.model, Number(row.dataset.probability), row.querySelector('td').textContent]) };""");

        assertThat(page.get("label")).isEqualTo(verdict.path("label").asText());
        assertThat(Double.parseDouble((String) page.get("probability"))).isEqualTo(verdict.path("probability").asDouble());
        List<String> api = new ArrayList<>();
        for (JsonNode vote : verdict.path("votes")) {
            api.add(vote.path("model").asText() + " " + vote.path("probability").asDouble() + " " + vote.path("label").asText());
        }
        List<String> shown = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) page.get("votes");
        for (List<Object> row : rows) {
            shown.add(row.get(0) + " " + ((Number) row.get(1)).doubleValue() + " " + row.get(2));
        }
        assertThat(api).hasSize(5);
        assertThat(shown).isEqualTo(api);
    }

    @Test
    @Order(5)
    void theExplanationHasOneBarPerModelInput() throws Exception {
        JsonNode job = songJob();
        Set<String> inputs = new LinkedHashSet<>();
        job.path("features").fieldNames().forEachRemaining(inputs::add);

        // The explanation follows the verdict: "Computing the reasons…" until the stream's explanation event.
        waitFor(Duration.ofSeconds(120)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#explanation-bars li[data-feature]")));
        @SuppressWarnings("unchecked")
        List<String> bars = (List<String>) script(
                "return [...document.querySelectorAll('#explanation-bars li[data-feature]')].map((bar) => bar.dataset.feature)");

        assertThat(inputs).isNotEmpty();
        assertThat(bars).containsExactlyInAnyOrderElementsOf(inputs);
    }

    @Test
    @Order(6)
    void theSpectrogramCanvasPaintsTheJobsThumbnailThroughTheColourMap() throws Exception {
        JsonNode dna = songJob().path("dna");
        int bands = dna.path("melBands").asInt();
        int columns = dna.path("columns").asInt();
        // decoded here from the API's JSON, not by the page's own decoder
        byte[] levels = Base64.getDecoder().decode(dna.path("melSpectrogram").asText());
        assertThat(levels).hasSize(bands * columns);
        int[][] cells = {{0, 0}, {bands / 6, columns / 5}, {bands / 2, columns / 2}, {bands * 3 / 4, columns - columns / 8},
                {bands - 1, columns - 1}, {bands / 3, columns / 3}};
        List<List<Integer>> expectedLevels = new ArrayList<>();
        for (int[] cell : cells) {
            expectedLevels.add(List.of(cell[0], cell[1], levels[cell[0] * columns + cell[1]] & 0xff));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, List<Long>>> sampled = (List<Map<String, List<Long>>>) asyncScript("""
                const [cells, bands, columns, done] = arguments;
                import('/js/scales.js').then(({ levelColours }) => {
                  const colours = levelColours();
                  const canvas = document.querySelector('#spectrogram canvas[data-plot-left]');
                  const { plotLeft, plotTop, plotWidth, plotHeight } = canvas.dataset;
                  const ratio = canvas.width / canvas.clientWidth;
                  const context = canvas.getContext('2d');
                  done(cells.map(([band, column, level]) => {
                    const x = (Number(plotLeft) + ((column + 0.5) / columns) * Number(plotWidth)) * ratio;
                    const y = (Number(plotTop) + ((bands - band - 0.5) / bands) * Number(plotHeight)) * ratio;
                    return { painted: [...context.getImageData(Math.floor(x), Math.floor(y), 1, 1).data].slice(0, 3),
                             expected: [...colours.subarray(level * 4, level * 4 + 3)] };
                  }));
                }).catch((error) => done([{ error: String(error) }]));
                """, expectedLevels, bands, columns);

        assertThat(sampled).hasSize(cells.length);
        for (int i = 0; i < cells.length; i++) {
            assertThat(sampled.get(i).get("painted")).as("cell %s (level %d)", expectedLevels.get(i), expectedLevels.get(i).get(2))
                    .isEqualTo(sampled.get(i).get("expected"));
        }
        assertThat(sampled.stream().map(sample -> sample.get("expected")).distinct().count())
                .as("the sampled cells are not all one colour").isGreaterThan(1);
    }

    @Test
    @Order(7)
    void theEventStreamDeliversEveryTransitionOnceAlsoAfterAReconnectWithLastEventId() throws Exception {
        String id = songJob().path("id").asText();
        @SuppressWarnings("unchecked")
        List<String> bodies = (List<String>) asyncScript("""
                const [id, key, done] = arguments;
                const read = (lastEventId) => fetch(`/v1/jobs/${id}/events`, { headers: Object.assign(
                    { 'Accept': 'text/event-stream', 'X-API-Key': key }, lastEventId ? { 'Last-Event-ID': lastEventId } : {}) })
                  .then((response) => response.text());
                read(null).then((whole) => read('2').then((resumed) => done([whole, resumed])))
                  .catch((error) => done([String(error), '']));
                """, id, KEY);

        List<ServerSentEventReader.Event> whole = events(bodies.get(0));
        List<ServerSentEventReader.Event> resumed = events(bodies.get(1));

        List<ServerSentEventReader.Event> transitions = whole.stream().filter(event -> event.name().equals("transition")).toList();
        List<String> statuses = new ArrayList<>();
        for (JsonNode transition : songJob().path("transitions")) {
            statuses.add(transition.path("status").asText());
        }
        assertThat(transitions).extracting(event -> JSON.readTree(event.data()).path("status").asText())
                .containsExactlyInAnyOrderElementsOf(statuses);
        assertThat(transitions).extracting(ServerSentEventReader.Event::id)
                .containsExactlyElementsOf(numbered(1, transitions.size()));
        assertThat(whole.get(whole.size() - 1).name()).isEqualTo("job");
        // resumed after event 2: the rest, each once, then the job again
        assertThat(resumed.subList(0, resumed.size() - 1)).isEqualTo(transitions.subList(2, transitions.size()));
        assertThat(resumed.get(resumed.size() - 1).name()).isEqualTo("job");
    }

    @Test
    @Order(8)
    void atPhoneWidthTheJobViewFitsWithoutHorizontalScrolling() throws Exception {
        songJob();
        browser.manage().window().setSize(PHONE);
        waitFor(Duration.ofSeconds(5)).until(driver -> (Boolean) script("return document.documentElement.clientWidth <= 375"));

        assertThat((Boolean) script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .as("no horizontal scrolling at 375 px").isTrue();
        screenshot("dashboard-job-375.png");
        browser.manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(9)
    void aVectorTheServerRefusesShowsTheServersProblemDetail() throws Exception {
        useKey();
        browser.manage().window().setSize(PHONE);
        browser.get(url("/"));
        click(By.cssSelector("input[name='mode'][value='features']"));
        click(By.xpath("//button[normalize-space()='Fill in an example']"));
        // a client whose own check was skipped: the request leaves with danceability 1.72
        script("""
                const send = XMLHttpRequest.prototype.send;
                XMLHttpRequest.prototype.send = function (body) {
                  if (typeof body === 'string') {
                    const submission = JSON.parse(body);
                    submission.features.danceability = 1.72;
                    body = window.__sentBody = JSON.stringify(submission);
                  }
                  return send.call(this, body);
                };""");
        click(By.cssSelector("button[type='submit']"));

        WebElement problem = waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form .problem[data-problem-type]")));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/v1/jobs"))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString((String) script("return window.__sentBody"))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode serverProblem = JSON.readTree(refused.body());

        assertThat(refused.statusCode()).isBetween(400, 499);
        assertThat(problem.getAttribute("data-problem-type")).isEqualTo(slug(serverProblem.path("type").asText()));
        assertThat(problem.findElement(By.cssSelector(".detail")).getText()).isEqualTo(serverProblem.path("detail").asText());
        for (JsonNode error : serverProblem.path("errors")) {
            if (error.path("field").asText().equals("danceability")) {
                assertThat(browser.findElement(By.id("feature-danceability-error")).getText()).isEqualTo(error.path("problem").asText());
            }
        }
        screenshot("dashboard-submit-375.png");
        browser.manage().window().setSize(DESKTOP);
    }

    @Test
    @Order(10)
    void aKeyboardAloneReachesEveryControlWithAVisibleFocusRing() throws Exception {
        useKey();
        browser.manage().window().setSize(DESKTOP);
        for (String path : List.of("/", "/jobs/" + songJob().path("id").asText())) {
            browser.get(url(path));
            waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main a, main button, main input")));
            if (path.equals("/")) {
                click(By.cssSelector("input[name='mode'][value='features']"));
                browser.findElement(By.tagName("body")).click();
            } else {
                waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict-label")));
            }
            @SuppressWarnings("unchecked")
            List<String> controls = (List<String>) script("""
                    return [...document.querySelectorAll('a[href], button, input, select, audio[controls]')]
                      .filter((element) => !element.closest('dialog') && element.getClientRects().length > 0)
                      .filter((element) => !(element.type === 'radio' && !element.checked))
                      .filter((element) => !element.disabled)
                      .map((element) => element.id || element.name || element.textContent.trim());""");
            script("document.activeElement.blur(); window.scrollTo(0, 0)");
            Set<String> reached = new LinkedHashSet<>();
            for (int press = 0; press < controls.size() + 10; press++) {
                new Actions(browser).sendKeys(Keys.TAB).perform();
                @SuppressWarnings("unchecked")
                Map<String, Object> focused = (Map<String, Object>) script("""
                        const element = document.activeElement;
                        const style = getComputedStyle(element);
                        return { key: element.id || element.name || element.textContent.trim(),
                                 ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };""");
                if (Boolean.TRUE.equals(focused.get("ring"))) {
                    reached.add(String.valueOf(focused.get("key")));
                }
            }
            assertThat(controls).as("controls of " + path).isNotEmpty();
            assertThat(controls).as("controls of %s that Tab did not reach with a visible ring", path)
                    .filteredOn(control -> !reached.contains(control)).isEmpty();
        }
    }

    /** The song job: uploaded through the page once, by the first test that needs it. */
    private JsonNode songJob() throws Exception {
        if (songJob == null) {
            uploadSongAndWait();
        }
        String id = songJob.path("id").asText();
        if (!browser.getCurrentUrl().endsWith("/jobs/" + id)) {
            browser.manage().window().setSize(DESKTOP);
            browser.get(url("/jobs/" + id));
            waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict-label")));
            waitForCharts();
        }
        return songJob;
    }

    private record LiveRun(Set<String> modes, Set<String> states, List<Long> cardTopsWhileRunning, List<Long> cardTopsWhenDone) {
    }

    private LiveRun uploadSongAndWait() throws Exception {
        useKey();
        browser.manage().window().setSize(DESKTOP);
        TestSong song = TestSong.generate(workDirectory.resolve("dashboard-song.flac"));
        browser.get(url("/"));
        waitFor(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("file-input")));
        browser.findElement(By.id("file-input")).sendKeys(song.file().toString());
        click(By.cssSelector("button[type='submit']"));
        waitFor(Duration.ofSeconds(60)).until(ExpectedConditions.urlMatches("/jobs/[0-9a-f-]{36}$"));
        waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".timeline li")));
        List<Long> whileRunning = cardTops();
        Set<String> modes = new LinkedHashSet<>();
        Set<String> states = new LinkedHashSet<>();
        waitFor(JOB_TIMEOUT).pollingEvery(Duration.ofMillis(100)).until(driver -> {
            // one script per look: the timeline is rebuilt on every change, so no element is held between calls
            @SuppressWarnings("unchecked")
            Map<String, Object> look = (Map<String, Object>) script("""
                    return { mode: document.querySelector('.live-mode')?.textContent ?? '',
                             states: [...document.querySelectorAll('.timeline li')].map((li) => li.dataset.step + ':' + li.dataset.state),
                             ended: document.querySelector('#verdict-label, #verdict .problem') !== null };""");
            modes.add((String) look.get("mode"));
            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) look.get("states");
            states.addAll(seen);
            return Boolean.TRUE.equals(look.get("ended"));
        });
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        songJob = JSON.readTree(get("/v1/jobs/" + id).body());
        assertThat(songJob.path("status").asText()).as(songJob.toPrettyString()).isEqualTo("DONE");
        waitForCharts();
        return new LiveRun(modes, states, whileRunning, cardTops());
    }

    /** The charts are drawn on the frame after their card is laid out (a ResizeObserver). */
    private void waitForCharts() {
        waitFor(Duration.ofSeconds(10)).until(driver -> !driver.findElements(By.cssSelector("#spectrogram canvas[data-plot-left]")).isEmpty());
        nextFrames();
    }

    /** Two animation frames: what a resize or a new card lays out is drawn by then. */
    private void nextFrames() {
        asyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
    }

    @SuppressWarnings("unchecked")
    private List<Long> cardTops() {
        return (List<Long>) script("return [...document.querySelectorAll('#verdict, #explanation, #dna')]"
                + ".map((card) => Math.round(card.getBoundingClientRect().top + window.scrollY))");
    }

    /** Puts the key where the page keeps it, for a check that does not test the key dialog itself. */
    private void useKey() {
        if (!browser.getCurrentUrl().startsWith(stack.baseUri().toString())) {
            browser.get(url("/"));
        }
        script("sessionStorage.setItem(arguments[0], arguments[1])", KEY_STORAGE, KEY);
    }

    /** A full-page PNG at the window's width, quantised to 128 colours as the ones in docs/ are. */
    private void screenshot(String name) throws IOException, InterruptedException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight)");
        long chrome = window.getHeight() - (Long) script("return window.innerHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) (height + chrome)));
        nextFrames();
        Path raw = screenshots.resolve(name.replace(".png", "-raw.png"));
        Files.write(raw, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(window);
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y", "-i", raw.toString(), "-vf",
                "split[a][b];[a]palettegen=max_colors=128[p];[b][p]paletteuse=dither=none", screenshots.resolve(name).toString())
                .redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0).as("ffmpeg: " + output).isTrue();
    }

    private void click(By locator) {
        waitFor(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private WebDriverWait waitFor(Duration timeout) {
        return new WebDriverWait(browser, timeout);
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeAsyncScript(script, arguments);
    }

    private String url(String path) {
        return stack.baseUri().resolve(path).toString();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stack.baseUri().resolve(path)).header("X-API-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void submitVector(double danceability) throws IOException, InterruptedException {
        String vector = """
                {"features": {"danceability": %s, "energy": 0.6, "key": 5, "loudness": -7.5, "mode": 1, "speechiness": 0.05,
                 "acousticness": 0.2, "instrumentalness": 0.0, "liveness": 0.12, "valence": 0.5, "tempo": 118.0,
                 "duration_ms": 200000, "time_signature": 4}}""".formatted(danceability);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/v1/jobs"))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(vector)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        // in the list once results-service has read it from Kafka
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> get(location).statusCode() == 200);
    }

    private static List<ServerSentEventReader.Event> events(String body) throws IOException {
        List<ServerSentEventReader.Event> events = new ArrayList<>();
        try (ServerSentEventReader reader = new ServerSentEventReader(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), Instant.MAX)) {
            for (ServerSentEventReader.Event event = reader.next(); event != null; event = reader.next()) {
                events.add(event);
            }
        }
        return events;
    }

    private static List<String> numbered(int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int id = from; id < from + count; id++) {
            ids.add(Integer.toString(id));
        }
        return ids;
    }

    private static String slug(String problemType) {
        return URI.create(problemType).getPath().replaceFirst(".*/", "");
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
