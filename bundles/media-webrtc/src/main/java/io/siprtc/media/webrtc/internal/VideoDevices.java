package io.siprtc.media.webrtc.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.onvoid.webrtc.media.MediaDevices;
import io.siprtc.api.media.MediaException;
import io.siprtc.api.media.VideoDevice;

/**
 * The cameras, through webrtc-java's {@link MediaDevices} (on Linux its V4L2 device manager:
 * udev, plus a udev monitor thread for good). On Linux the device nodes are looked for first
 * ({@code /dev/video*}): without one there is no camera and webrtc-java is not asked at all, so a
 * headless machine never starts its device manager. (Its video device manager is separate from
 * the PulseAudio one that hangs without a server, see {@link AudioDevices}.)
 */
final class VideoDevices {

    private static final Path DEV = Path.of("/dev");

    private VideoDevices() {
    }

    /** Why there can be no camera (Linux without a {@code /dev/video*} node), or null. */
    static String nodeProblem() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(DEV, "video*")) {
            return nodes.iterator().hasNext() ? null : "no camera: no /dev/video* device node";
        } catch (IOException e) {
            return "no camera: /dev cannot be listed (" + e.getMessage() + ")";
        }
    }

    /** The cameras, or an empty list with {@code why[0]} saying why none. */
    static List<VideoDevice> list(String[] why) {
        String problem = nodeProblem();
        if (problem != null) {
            why[0] = problem;
            return List.of();
        }
        List<VideoDevice> all = new ArrayList<>();
        try {
            for (dev.onvoid.webrtc.media.video.VideoDevice d : MediaDevices.getVideoCaptureDevices()) {
                all.add(new VideoDevice(d.getName(), d.getDescriptor()));
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            why[0] = "webrtc-java lists no camera: " + e.getMessage();
            return List.of();
        }
        if (all.isEmpty()) {
            why[0] = "the system lists no camera";
        }
        return List.copyOf(all);
    }

    /**
     * The camera {@code nameOrId} selects (empty: the first).
     *
     * @throws MediaException naming the camera and the ones there are
     */
    static dev.onvoid.webrtc.media.video.VideoDevice choose(String nameOrId) throws MediaException {
        String wanted = "camera " + (nameOrId.isEmpty() ? "(first)" : "'" + nameOrId + "'");
        String problem = nodeProblem();
        if (problem != null) {
            throw new MediaException("cannot open " + wanted + ": " + problem, 503, null);
        }
        List<dev.onvoid.webrtc.media.video.VideoDevice> devices;
        try {
            devices = MediaDevices.getVideoCaptureDevices();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            throw new MediaException("cannot open " + wanted + ": " + e.getMessage(), 503, e);
        }
        List<String> names = new ArrayList<>();
        for (dev.onvoid.webrtc.media.video.VideoDevice d : devices) {
            if (nameOrId.isEmpty() || nameOrId.equals(d.getName()) || nameOrId.equals(d.getDescriptor())) {
                return d;
            }
            names.add("'" + d.getName() + "' (" + d.getDescriptor() + ")");
        }
        throw new MediaException("cannot open " + wanted + ": " + (names.isEmpty() ? "the system lists no camera"
                : "no such camera; there are " + String.join(", ", names)), 503, null);
    }
}
