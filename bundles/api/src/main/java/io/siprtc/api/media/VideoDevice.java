package io.siprtc.api.media;

import java.util.Objects;

/**
 * A camera an engine can open ({@link MediaEngine#videoDevices()}): select it by {@link #name()}
 * or {@link #id()} in {@link VideoSource#device}.
 *
 * @since 1.3
 */
public final class VideoDevice {

    private final String name;
    private final String id;

    public VideoDevice(String name, String id) {
        this.name = name == null ? "" : name;
        this.id = id == null ? "" : id;
    }

    /** What the system calls it, for people. */
    public String name() {
        return name;
    }

    /** The system's identifier of the device (on Linux its device node, e.g. {@code /dev/video0}). */
    public String id() {
        return id;
    }

    /** Whether {@code nameOrId} selects this device: its name or its id, exactly. */
    public boolean matches(String nameOrId) {
        return nameOrId != null && (nameOrId.equals(name) || nameOrId.equals(id));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoDevice && ((VideoDevice) o).name.equals(name) && ((VideoDevice) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, id);
    }

    @Override
    public String toString() {
        return "camera '" + name + "' (" + id + ")";
    }
}
