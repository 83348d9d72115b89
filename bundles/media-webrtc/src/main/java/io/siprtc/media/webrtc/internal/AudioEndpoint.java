package io.siprtc.media.webrtc.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * One headless "sound card" and the PeerConnectionFactory on it. The audio device module runs
 * its own 10 ms threads: playout pulls the received audio (so track sinks see it), capture pulls
 * the {@link ToneSource}. Order matters: playout starts before the tone is attached, so the
 * module's buffer keeps libwebrtc's audio transport while capture reads the tone.
 */
final class AudioEndpoint implements AutoCloseable {

    private final HeadlessAudioDeviceModule adm;
    private final PeerConnectionFactory factory;
    private final ToneSource tone;
    private final AudioTrackSource source;
    private boolean closed;

    AudioEndpoint(double toneHz) {
        adm = new HeadlessAudioDeviceModule();
        factory = new PeerConnectionFactory(adm);
        adm.initPlayout();
        adm.startPlayout();
        tone = new ToneSource(toneHz);
        adm.setAudioSource(tone);
        source = factory.createAudioSource(new AudioOptions());
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    AudioTrackSource source() {
        return source;
    }

    double toneHz() {
        return tone.frequency();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        adm.stopRecording();
        adm.stopPlayout();
        factory.dispose();
        adm.dispose();
    }
}
