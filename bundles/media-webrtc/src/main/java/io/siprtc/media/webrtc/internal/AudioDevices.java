package io.siprtc.media.webrtc.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import io.siprtc.api.media.AudioDevice;
import io.siprtc.api.media.MediaException;

/**
 * The audio devices, through a webrtc-java {@link AudioDeviceModule} (libwebrtc's platform
 * module: PulseAudio, else ALSA, on Linux), only when the engine's {@code audio.devices} is on.
 *
 * <p>On Linux an audio server is looked for first, without libpulse: webrtc-java's
 * {@code MediaDevices} hangs for good when no PulseAudio server answers (after the failed
 * connect its device manager calls {@code pa_threaded_mainloop_free} holding the mainloop's lock
 * and waits forever for the mainloop thread, which waits for that lock: seen with gdb, 0.14.0,
 * Debian 12 without a server), and libpulse may try to start a server. Without a server's socket
 * there are no devices and the audio system is not touched at all. {@code MediaDevices} is never
 * used.
 */
final class AudioDevices {

    private AudioDevices() {
    }

    /** The capture and playout devices, or an empty list with {@code why[0]} saying why none. */
    static List<AudioDevice> list(String[] why) {
        String problem = serverProblem();
        if (problem != null) {
            why[0] = problem;
            return List.of();
        }
        AudioDeviceModule adm;
        try {
            adm = new AudioDeviceModule();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            why[0] = "the audio device module did not start: " + e.getMessage();
            return List.of();
        }
        try {
            List<AudioDevice> all = new ArrayList<>();
            for (dev.onvoid.webrtc.media.audio.AudioDevice d : adm.getRecordingDevices()) {
                all.add(new AudioDevice(AudioDevice.Kind.CAPTURE, d.getName(), d.getDescriptor()));
            }
            for (dev.onvoid.webrtc.media.audio.AudioDevice d : adm.getPlayoutDevices()) {
                all.add(new AudioDevice(AudioDevice.Kind.PLAYOUT, d.getName(), d.getDescriptor()));
            }
            if (all.isEmpty()) {
                why[0] = "the audio system lists no device";
            }
            return List.copyOf(all);
        } finally {
            adm.dispose();
        }
    }

    /**
     * The device {@code nameOrId} selects among {@code devices} (empty: the first, which
     * libwebrtc lists as the system's default).
     *
     * @throws MediaException naming the device and the ones there are
     */
    static dev.onvoid.webrtc.media.audio.AudioDevice choose(List<dev.onvoid.webrtc.media.audio.AudioDevice> devices,
            String nameOrId, String kind) throws MediaException {
        if (nameOrId.isEmpty() && !devices.isEmpty()) {
            return devices.get(0);
        }
        for (dev.onvoid.webrtc.media.audio.AudioDevice d : devices) {
            if (nameOrId.equals(d.getName()) || nameOrId.equals(d.getDescriptor())) {
                return d;
            }
        }
        List<String> known = new ArrayList<>();
        for (dev.onvoid.webrtc.media.audio.AudioDevice d : devices) {
            known.add("'" + d.getName() + "' (" + d.getDescriptor() + ")");
        }
        throw new MediaException((nameOrId.isEmpty() ? "no default " + kind + " device"
                : "unknown " + kind + " device '" + nameOrId + "'") + "; there are "
                + (known.isEmpty() ? "none" : String.join(", ", known)), 500, null);
    }

    /** Why no audio server can be used (Linux: no PulseAudio or PipeWire-pulse socket answers), null when one can. */
    static String serverProblem() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null; // CoreAudio, WASAPI: no server to wait for
        }
        return pulseProblem(System.getenv(), uid());
    }

    static String pulseProblem(Map<String, String> env, int uid) {
        List<String> tried = new ArrayList<>();
        String server = env.get("PULSE_SERVER");
        if (server != null && !server.isBlank()) {
            for (String entry : server.trim().split("\\s+")) {
                if (answers(entry)) {
                    return null;
                }
                tried.add(entry);
            }
        } else {
            List<String> paths = new ArrayList<>();
            String runtime = env.get("XDG_RUNTIME_DIR");
            if (runtime != null && !runtime.isBlank()) {
                paths.add(runtime + "/pulse/native");
            }
            if (uid >= 0) {
                paths.add("/run/user/" + uid + "/pulse/native");
            }
            paths.add("/var/run/pulse/native");
            for (String p : paths) {
                if (!tried.contains(p)) {
                    if (answers(p)) {
                        return null;
                    }
                    tried.add(p);
                }
            }
        }
        return "no PulseAudio server answers (tried " + String.join(", ", tried) + ")";
    }

    /** Whether a PulseAudio server address ({@code unix:/path}, {@code /path}, {@code tcp:host[:port]}, {@code host}) accepts a connection. */
    private static boolean answers(String entry) {
        String e = entry.replaceFirst("^\\{[^}]*\\}", ""); // {machine-id} prefix
        try {
            if (e.startsWith("unix:") || e.startsWith("/")) {
                Path path = Path.of(e.startsWith("unix:") ? e.substring(5) : e);
                if (!Files.exists(path)) {
                    return false;
                }
                try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    return c.connect(UnixDomainSocketAddress.of(path));
                }
            }
            String hostPort = e.replaceFirst("^tcp[46]?:", "");
            String host = hostPort;
            int port = 4713;
            int colon = hostPort.lastIndexOf(':');
            if (colon > 0 && hostPort.indexOf(']') < colon) {
                host = hostPort.substring(0, colon);
                port = Integer.parseInt(hostPort.substring(colon + 1));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host.replace("[", "").replace("]", ""), port), 500);
                return true;
            }
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
