package io.hitorflop.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a child JVM: runs the main class named by the first argument with the remaining
 * arguments, and exits normally (running the server's shutdown hooks, i.e. a clean stop) as soon
 * as stdin reaches end of file, which happens when the parent closes the pipe or dies.
 */
public final class StdinWatchdogMain {

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(StdinWatchdogMain::exitAtEndOfInput, "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitAtEndOfInput() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone as well.
        }
        System.exit(0);
    }

    private StdinWatchdogMain() {
    }
}
