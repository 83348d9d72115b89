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

    /** The calls that have not ended, oldest first. */
    List<Call> calls();

    /** A call by id, also for a while after it ended. */
    Optional<Call> call(String callId);

    /** The accounts calls can be placed from. */
    List<AccountInfo> accounts();
}
