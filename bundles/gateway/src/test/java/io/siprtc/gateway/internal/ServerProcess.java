package io.siprtc.gateway.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server program a test runs (Kamailio, SIPp): found at its usual paths, started under
 * {@code setpriv --pdeathsig} so the kernel stops it if the test JVM dies, stopped by a shutdown
 * hook too, and by {@link #close()}: SIGTERM to its PID, then force, then any child left.
 */
final class ServerProcess implements AutoCloseable {

    private static final String SETPRIV = "/usr/bin/setpriv";

    private final Process process;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process) {
        this.process = process;
        this.shutdownHook = new Thread(this::stop, name + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The first executable of {@code candidates}; else fails with {@code missing}. */
    static String binary(String missing, String... candidates) {
        for (String b : candidates) {
            if (Files.isExecutable(Paths.get(b))) {
                return b;
            }
        }
        throw new IllegalStateException(missing);
    }

    /** The command line, with the death signal in front when setpriv is there. */
    static List<String> command(List<String> programAndArgs) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Paths.get(SETPRIV))) {
            command.addAll(List.of(SETPRIV, "--pdeathsig", "TERM"));
        }
        command.addAll(programAndArgs);
        return command;
    }

    static ServerProcess start(String name, ProcessBuilder builder) throws IOException {
        return new ServerProcess(name, builder.start());
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void stop() {
        List<ProcessHandle> children = process.toHandle().descendants().collect(Collectors.toList());
        process.destroy(); // SIGTERM: a server stops its own children
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // still there: forced below
            }
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /** Deletes a test's working directory (after it passed; a failure keeps the logs). */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left for mvn clean
        }
    }
}
