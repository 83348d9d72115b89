package io.siprtc.api.call;

import java.util.Objects;

/** A configured account as a UI shows it. Never carries a password. */
public final class AccountInfo {

    private final String id;
    private final String addressOfRecord;
    private final String contact;
    private final String displayName;
    private final boolean autoAnswer;
    private final String state;

    public AccountInfo(String id, String addressOfRecord, String contact, String displayName,
            boolean autoAnswer, String state) {
        this.id = Objects.requireNonNull(id);
        this.addressOfRecord = addressOfRecord;
        this.contact = contact;
        this.displayName = displayName;
        this.autoAnswer = autoAnswer;
        this.state = state;
    }

    public String id() {
        return id;
    }

    /** e.g. {@code sip:alice@127.0.0.1:5070} */
    public String addressOfRecord() {
        return addressOfRecord;
    }

    /** Where the account receives requests, or null while it is not listening. */
    public String contact() {
        return contact;
    }

    public String displayName() {
        return displayName;
    }

    public boolean autoAnswer() {
        return autoAnswer;
    }

    /** e.g. {@code ready}, {@code no SIP stack}. */
    public String state() {
        return state;
    }

    @Override
    public String toString() {
        return id + " " + addressOfRecord + " [" + state + "]";
    }
}
