package io.siprtc.api.call;

import java.util.Objects;

/**
 * An account's registration state changed. {@link #detail()} is a line a person can read, e.g.
 * {@code registered for 600 s} or {@code authentication failed: 401 Unauthorized (realm "example.org")};
 * it never contains a password.
 */
public final class AccountEvent {

    private final AccountInfo account;
    private final RegistrationState from;
    private final RegistrationState to;
    private final String detail;
    private final int sipStatus;
    private final long nanoTime;

    /**
     * @param account the account as it is after the change
     * @param from the state before
     * @param to the state now
     * @param detail why, readable; null for none
     * @param sipStatus the SIP status that caused the change, 0 when none did
     */
    public AccountEvent(AccountInfo account, RegistrationState from, RegistrationState to, String detail, int sipStatus) {
        this.account = Objects.requireNonNull(account);
        this.from = Objects.requireNonNull(from);
        this.to = Objects.requireNonNull(to);
        this.detail = detail == null ? "" : detail;
        this.sipStatus = sipStatus;
        this.nanoTime = System.nanoTime();
    }

    public AccountInfo account() {
        return account;
    }

    public String accountId() {
        return account.id();
    }

    public RegistrationState from() {
        return from;
    }

    public RegistrationState to() {
        return to;
    }

    public String detail() {
        return detail;
    }

    /** The SIP status behind the change (200, 401, 403, 503, ...), or 0. */
    public int sipStatus() {
        return sipStatus;
    }

    /** {@link System#nanoTime()} when the event was made. */
    public long nanoTime() {
        return nanoTime;
    }

    @Override
    public String toString() {
        return account.id() + " " + from + "->" + to + (detail.isEmpty() ? "" : ": " + detail);
    }
}
