package io.siprtc.api.call;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Call control used by a host UI. Every method returns promptly: signalling and media run in
 * the background and report through {@link CallListener} services and {@link Call#state()}.
 */
@ProviderType
public interface CallService {

    /**
     * Places a call from one of the configured accounts.
     *
     * @param accountId the account to call from (see {@link #accounts()})
     * @param target a SIP URI ({@code sip:bob@example.org}) or a user name in the account's domain
     * @return the new call, already in {@link CallState#CALLING} or already ended with a reason
     * @throws CallException when the target is malformed or the account is unknown
     */
    Call dial(String accountId, String target) throws CallException;

    /** Answers an incoming call that is {@link CallState#INCOMING}. */
    void answer(String callId) throws CallException;

    /** Rejects an incoming call with a final SIP status (486 Busy Here, 603 Decline, ...). */
    void reject(String callId, int sipStatus) throws CallException;

    /** Ends a call in any state: CANCEL before an answer, BYE after it. */
    void hangup(String callId) throws CallException;

    /**
     * Puts a connected call on hold: a re-INVITE whose offer is {@code a=sendonly} (or
     * {@code a=inactive} when the far end holds us too). Completes when the far end accepted it.
     *
     * @throws CallException when the call is not connected, or the far end refused the re-INVITE
     * @since 1.2
     */
    void hold(String callId) throws CallException;

    /** Takes a call off hold: a re-INVITE with {@code a=sendrecv}. @since 1.2 */
    void resume(String callId) throws CallException;

    /**
     * Sends DTMF tones ({@code 0-9 * # A-D}) on a connected call: RFC 4733 telephone events
     * through the media engine when both sides negotiated them, SIP INFO otherwise.
     *
     * @since 1.2
     */
    void sendDtmf(String callId, String tones) throws CallException;

    /**
     * Blind transfer (RFC 3515): asks the far end to call {@code target} with REFER. The call
     * ends once the far end reports the transfer succeeded (its NOTIFY with a 2xx); a failed
     * transfer leaves the call as it was, with a {@link CallEvent.Type#TRANSFER} event saying why.
     *
     * @since 1.2
     */
    void transfer(String callId, String target) throws CallException;

    /**
     * Mutes or unmutes the audio a call sends, at once and without renegotiation: the far end
     * hears silence while RTP goes on. Allowed in any state before the call ended, ringing
     * included; the state survives hold, resume and ICE restarts.
     *
     * @throws CallException when the call is unknown or ended, or the media engine failed
     * @since 1.3
     */
    default void setMuted(String callId, boolean muted) throws CallException {
        throw new CallException("this call service cannot mute");
    }

    /**
     * Turns the video a call sends off or on again ("camera off"), as {@link #setMuted} does
     * for audio: the far end receives black pictures (or, with some video sources, no more
     * pictures). A call without video records the state.
     *
     * @throws CallException when the call is unknown or ended, or the media engine failed
     * @since 1.3
     */
    default void setVideoMuted(String callId, boolean muted) throws CallException {
        throw new CallException("this call service cannot turn video off");
    }

    /** The calls that have not ended, oldest first. */
    List<Call> calls();

    /** A call by id, also for a while after it ended. */
    Optional<Call> call(String callId);

    /** The accounts calls can be placed from. */
    List<AccountInfo> accounts();
}
