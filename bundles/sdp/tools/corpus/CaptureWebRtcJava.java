import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * webrtc-java (the engine SIPRTC ships) makes an audio offer the way the media-webrtc bundle
 * does (headless audio device module, one audio track), waits for ICE gathering (at most 5 s)
 * and writes the local description byte for byte. Run: capture-webrtc-java.sh <out-dir>.
 */
public class CaptureWebRtcJava {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
        PeerConnectionFactory factory = new PeerConnectionFactory(adm);
        CountDownLatch gathered = new CountDownLatch(1);
        RTCPeerConnection pc = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.countDown();
                }
            }
        });
        pc.addTrack(factory.createAudioTrack("audio", factory.createAudioSource(new AudioOptions())), List.of("stream"));
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        pc.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription d) {
                offer.complete(d);
            }

            @Override
            public void onFailure(String error) {
                offer.completeExceptionally(new IllegalStateException(error));
            }
        });
        CompletableFuture<Void> set = new CompletableFuture<>();
        pc.setLocalDescription(offer.get(5, TimeUnit.SECONDS), new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                set.complete(null);
            }

            @Override
            public void onFailure(String error) {
                set.completeExceptionally(new IllegalStateException(error));
            }
        });
        set.get(5, TimeUnit.SECONDS);
        gathered.await(5, TimeUnit.SECONDS);
        String sdp = pc.getLocalDescription().sdp;
        Files.write(out.resolve("webrtc-java-audio-offer.sdp"), sdp.getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote webrtc-java-audio-offer.sdp " + sdp.length());
        pc.close();
        factory.dispose();
        adm.dispose();
        System.exit(0);
    }
}
