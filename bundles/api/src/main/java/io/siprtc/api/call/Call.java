package io.siprtc.api.call;

import java.time.Instant;
import java.util.Optional;

import io.siprtc.api.media.MediaStats;
import org.osgi.annotation.versioning.ProviderType;

/** One call, seen from the local user agent. */
@ProviderType
public interface Call {

    String id();

    String accountId();

    /** Our address of record, e.g. {@code sip:alice@127.0.0.1:5070}. */
    String localUri();

    /** The far end, e.g. {@code sip:bob@127.0.0.1:5072}. */
    String remoteUri();

    CallDirection direction();

    CallState state();

    /** Present once the call is {@link CallState#ENDED}. */
    Optional<CallEndReason> endReason();

    Instant createdAt();

    /** The media statistics right now; {@link MediaStats#NONE} while there is no media session. */
    MediaStats mediaStats();

    /** True while we have put the call on hold ({@link CallService#hold(String)}). @since 1.2 */
    default boolean isOnHold() {
        return false;
    }

    /** True while the far end has put us on hold (its offer was {@code sendonly} or {@code inactive}). @since 1.2 */
    default boolean isHeldByRemote() {
        return false;
    }

    /** True while the audio we send is muted ({@link CallService#setMuted}). @since 1.3 */
    default boolean isMuted() {
        return false;
    }

    /** True while the video we send is off ({@link CallService#setVideoMuted}). @since 1.3 */
    default boolean isVideoMuted() {
        return false;
    }
}
