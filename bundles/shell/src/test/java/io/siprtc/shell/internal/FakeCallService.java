package io.siprtc.shell.internal;

import io.siprtc.api.call.AccountInfo;
import io.siprtc.api.call.Call;
import io.siprtc.api.call.CallDirection;
import io.siprtc.api.call.CallEndReason;
import io.siprtc.api.call.CallException;
import io.siprtc.api.call.CallService;
import io.siprtc.api.call.CallState;
import io.siprtc.api.media.MediaStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A CallService that answers dial() as the test scripts it and records what the shell asked. */
final class FakeCallService implements CallService {

    final List<AccountInfo> accounts = new ArrayList<>();
    final List<String> dialled = new ArrayList<>();
    /** Mid-call requests the shell made (hold, resume, dtmf, transfer). */
    final List<String> log = new ArrayList<>();
    final List<FakeCall> calls = new ArrayList<>();
    /** What dial does: return a call or throw. */
    Dialler dialler = (account, target) -> new FakeCall("c1", target, CallState.CALLING, null);

    interface Dialler {
        Call dial(String account, String target) throws CallException;
    }

    @Override
    public Call dial(String accountId, String target) throws CallException {
        dialled.add(accountId + " " + target);
        return dialler.dial(accountId, target);
    }

    @Override
    public void answer(String callId) throws CallException {
        throw new CallException("no call with id '" + callId + "'");
    }

    @Override
    public void reject(String callId, int sipStatus) throws CallException {
        throw new CallException("no call with id '" + callId + "'");
    }

    @Override
    public void hangup(String callId) throws CallException {
        throw new CallException("no call with id '" + callId + "'");
    }

    @Override
    public void hold(String callId) throws CallException {
        log.add("hold " + callId);
    }

    @Override
    public void resume(String callId) throws CallException {
        log.add("resume " + callId);
    }

    @Override
    public void sendDtmf(String callId, String tones) throws CallException {
        log.add("dtmf " + callId + " " + tones);
    }

    @Override
    public void transfer(String callId, String target) throws CallException {
        log.add("transfer " + callId + " " + target);
    }

    @Override
    public void setMuted(String callId, boolean muted) throws CallException {
        if (call(callId).isEmpty()) {
            throw new CallException("no call with id '" + callId + "'");
        }
        log.add((muted ? "mute " : "unmute ") + callId);
    }

    @Override
    public void setVideoMuted(String callId, boolean muted) throws CallException {
        if (call(callId).isEmpty()) {
            throw new CallException("no call with id '" + callId + "'");
        }
        log.add((muted ? "video off " : "video on ") + callId);
    }

    @Override
    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    public Optional<Call> call(String callId) {
        return calls.stream().filter(c -> c.id().equals(callId)).map(c -> (Call) c).findFirst();
    }

    @Override
    public List<AccountInfo> accounts() {
        return accounts;
    }

    static final class FakeCall implements Call {
        private final String id;
        private final String remote;
        private final CallState state;
        private final CallEndReason reason;
        /** What mediaStats() returns, and how often it was read. */
        volatile MediaStats stats = MediaStats.NONE;
        final java.util.concurrent.atomic.AtomicInteger statsReads = new java.util.concurrent.atomic.AtomicInteger();

        FakeCall(String id, String remote, CallState state, CallEndReason reason) {
            this.id = id;
            this.remote = remote;
            this.state = state;
            this.reason = reason;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String accountId() {
            return "alice";
        }

        @Override
        public String localUri() {
            return "sip:alice@127.0.0.1:5070";
        }

        @Override
        public String remoteUri() {
            return remote;
        }

        @Override
        public CallDirection direction() {
            return CallDirection.OUTGOING;
        }

        @Override
        public CallState state() {
            return state;
        }

        @Override
        public Optional<CallEndReason> endReason() {
            return Optional.ofNullable(reason);
        }

        @Override
        public Instant createdAt() {
            return Instant.EPOCH;
        }

        @Override
        public MediaStats mediaStats() {
            statsReads.incrementAndGet();
            return stats;
        }

        @Override
        public String toString() {
            return id + " outgoing " + remote + " " + state;
        }
    }
}
