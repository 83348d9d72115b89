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
    private final RegistrationState registration;
    private final String registrationDetail;

    /** An account that does not register ({@link RegistrationState#NONE}). */
    public AccountInfo(String id, String addressOfRecord, String contact, String displayName,
            boolean autoAnswer, String state) {
        this(id, addressOfRecord, contact, displayName, autoAnswer, state, RegistrationState.NONE, "");
    }

    /**
     * @param registration where the account stands with its registrar
     * @param registrationDetail a readable line about it (e.g. {@code registered for 600 s}), never a password
     */
    public AccountInfo(String id, String addressOfRecord, String contact, String displayName,
            boolean autoAnswer, String state, RegistrationState registration, String registrationDetail) {
        this.id = Objects.requireNonNull(id);
        this.addressOfRecord = addressOfRecord;
        this.contact = contact;
        this.displayName = displayName;
        this.autoAnswer = autoAnswer;
        this.state = state;
        this.registration = Objects.requireNonNull(registration);
        this.registrationDetail = registrationDetail == null ? "" : registrationDetail;
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

    /** Whether the account listens: {@code ready}, or why not ({@code no SIP stack}, ...). */
    public String state() {
        return state;
    }

    /** Where the account stands with its registrar; {@link RegistrationState#NONE} if it does not register. */
    public RegistrationState registration() {
        return registration;
    }

    /** A readable line about the registration, e.g. {@code registered for 600 s}; empty if there is nothing to say. */
    public String registrationDetail() {
        return registrationDetail;
    }

    @Override
    public String toString() {
        return id + " " + addressOfRecord + " [" + state + "]"
                + (registration == RegistrationState.NONE ? "" : " " + registration
                        + (registrationDetail.isEmpty() ? "" : " (" + registrationDetail + ")"));
    }
}
