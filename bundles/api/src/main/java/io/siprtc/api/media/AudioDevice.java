package io.siprtc.api.media;

import java.util.Objects;

/**
 * An audio device an engine can open ({@link MediaEngine#audioDevices()}): select it by
 * {@link #name()} or {@link #id()} in {@link AudioSource#device} or
 * {@link MediaSessionConfig#withPlayoutDevice}.
 *
 * @since 1.3
 */
public final class AudioDevice {

    /** Which way the audio goes. */
    public enum Kind {
        /** A microphone or line in. */
        CAPTURE,
        /** A speaker or headset. */
        PLAYOUT
    }

    private final Kind kind;
    private final String name;
    private final String id;

    public AudioDevice(Kind kind, String name, String id) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = name == null ? "" : name;
        this.id = id == null ? "" : id;
    }

    public Kind kind() {
        return kind;
    }

    /** What the system calls it, for people. */
    public String name() {
        return name;
    }

    /** The system's identifier of the device. */
    public String id() {
        return id;
    }

    /** Whether {@code nameOrId} selects this device: its name or its id, exactly. */
    public boolean matches(String nameOrId) {
        return nameOrId != null && (nameOrId.equals(name) || nameOrId.equals(id));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioDevice && ((AudioDevice) o).kind == kind && ((AudioDevice) o).name.equals(name)
                && ((AudioDevice) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, id);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "' (" + id + ")";
    }
}
