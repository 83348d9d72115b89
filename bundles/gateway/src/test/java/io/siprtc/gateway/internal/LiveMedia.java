package io.siprtc.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siprtc.api.call.Call;
import io.siprtc.api.media.MediaStats;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Media proven on a live call with the real engine: packets received and the far end's tone heard. */
final class LiveMedia {

    private LiveMedia() {
    }

    /** Packets came in and the decoded audio's dominant frequency is the far end's tone (within 2 %). */
    static Predicate<MediaStats> hears(double hz) {
        return s -> s.packetsReceived() > 0 && Math.abs(s.receivedToneHz() - hz) < hz * 0.02;
    }

    /**
     * The far end sends 10 ms packets, as the account's codec policy ({@code ptime=10}) asked it
     * to: at least 75 packets received between two reports a second apart (10 ms
     * packets make about 100, 20 ms ones about 50; the reports are not taken at exact times).
     */
    static void receivesTenMillisecondPackets(Call call) throws InterruptedException {
        long before = fresh(call).packetsReceived();
        Thread.sleep(1000);
        long received = fresh(call).packetsReceived() - before;
        assertTrue(received >= 75, call.id() + ": " + received + " packets in about a second: not 10 ms ones");
    }

    /** Statistics asked for now: {@code mediaStats()} returns the last report and asks for the next. */
    private static MediaStats fresh(Call call) throws InterruptedException {
        call.mediaStats();
        Thread.sleep(150);
        return call.mediaStats();
    }

    /** Polls the call's media statistics until they pass the check (bounded), and returns them. */
    static MediaStats awaitMedia(Call call, Predicate<MediaStats> check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Waits.SECONDS);
        MediaStats last = call.mediaStats();
        while (!check.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = call.mediaStats();
        }
        assertTrue(check.test(last), call.id() + ": " + last);
        return last;
    }
}
