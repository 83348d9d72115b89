package io.siprtc.chat.mqtt.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * An append-only file of JSON lines, one record a line. Loading skips (and logs) lines that do
 * not parse, such as the torn last line of a crash. With {@code sync}, appends that must be
 * durable are forced to the disk before they return, so they survive a power cut as well as a
 * crash of the host; the others reach the operating system at once (a crash of the host keeps
 * them) and the disk soon after.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    private final Path file;
    private final boolean sync;
    private FileChannel channel;

    Journal(Path file, boolean sync) throws IOException {
        this.file = file;
        this.sync = sync;
        Files.createDirectories(file.getParent());
        open();
    }

    private void open() throws IOException {
        // the only writer: appends at the end it keeps (READ cannot be combined with APPEND)
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = channel.size();
        channel.position(size);
        if (size > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            if (last.get(0) != '\n') {
                // a line cut short by a crash: end it, so that the next record starts on a line of its own
                channel.write(ByteBuffer.wrap(new byte[] { '\n' }));
            }
        }
    }

    Path file() {
        return file;
    }

    /** Every record that parses, in file order; damaged lines (also bad UTF-8) are skipped and logged. */
    List<Map<String, Object>> load() throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        byte[] all = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i > start) {
                    lines.add(java.util.Arrays.copyOfRange(all, start, i));
                }
                start = i + 1;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            try {
                records.add(Json.parseObject(lines.get(i)));
            } catch (Json.JsonException e) {
                int n = i + 1;
                boolean last = n == lines.size();
                LOG.warning(() -> file + ": skipped unreadable record " + n + " (" + e.getMessage() + ")"
                        + (last ? ", the last one, likely cut short by a crash" : ""));
            }
        }
        return records;
    }

    /** Appends a record that may be lost in a power cut (losing it must be harmless). */
    void appendLazily(Map<String, Object> record) throws IOException {
        write(List.of(record), false);
    }

    /** Appends records in one write, durably. */
    void append(List<Map<String, Object>> records) throws IOException {
        write(records, sync);
    }

    private void write(List<Map<String, Object>> records, boolean force) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : records) {
            sb.append(Json.write(r)).append('\n');
        }
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (force) {
            channel.force(false);
        }
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Replaces the whole file with these records, atomically (write aside, sync, rename). */
    void rewrite(List<Map<String, Object>> records) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : records) {
            sb.append(Json.write(r)).append('\n');
        }
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        }
        channel.close();
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
