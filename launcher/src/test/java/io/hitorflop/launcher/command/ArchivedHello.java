package io.hitorflop.launcher.command;

/** The child JVM of {@link ClassDataArchiveJvmTest}: its whole output is one line. */
public final class ArchivedHello {

    private ArchivedHello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
