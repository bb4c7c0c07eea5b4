package io.hitorflop.launcher.stack;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A child process for the supervisor's tests, started as {@code java -cp <test classpath>}:
 * <ul>
 *   <li>{@code serve}: prints {@code READY} and runs until SIGTERM;</li>
 *   <li>{@code stubborn}: prints {@code READY} and ignores SIGTERM (its shutdown hook never ends);</li>
 *   <li>{@code fail}: prints {@code boom} and exits with 3;</li>
 *   <li>{@code parent}: starts a {@code serve} grandchild and prints {@code READY grandchild=<pid>};</li>
 *   <li>{@code supervisor <home>}: a supervisor of its own that starts a {@code parent} named
 *       {@code orphan}, prints {@code STARTED} and waits, to be killed by the test.</li>
 * </ul>
 */
public final class TinyChild {

    public static void main(String[] args) throws Exception {
        CountDownLatch forever = new CountDownLatch(1);
        switch (args[0]) {
            case "serve" -> System.out.println("READY");
            case "stubborn" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitQuietly(forever)));
                System.out.println("READY");
            }
            case "fail" -> {
                System.out.println("boom");
                System.exit(3);
            }
            case "parent" -> {
                Process grandchild = new ProcessBuilder(command("serve")).inheritIO().start();
                System.out.println("READY grandchild=" + grandchild.pid());
            }
            case "supervisor" -> {
                StackSupervisor supervisor = new StackSupervisor(java.nio.file.Path.of(args[1]),
                        java.time.Duration.ofSeconds(5));
                supervisor.start(new StackSupervisor.ChildSpec("orphan", command("parent"), java.util.Map.of()));
                System.out.println("STARTED");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
        forever.await();
    }

    /** The java command line that runs this class in {@code mode}. */
    public static List<String> command(String mode) {
        return List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TinyChild.class.getName(), mode);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TinyChild() {
    }
}
