package io.hitorflop.launcher.command;

import io.hitorflop.launcher.LauncherException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a tool's main class in a child JVM attached to this terminal, in {@code directory}. */
final class ChildJava {

    private ChildJava() {
    }

    static int run(Path directory, List<String> jvmOptions, List<String> classpath, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw LauncherException.failed("cannot run java: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LauncherException.failed("interrupted");
        }
    }
}
