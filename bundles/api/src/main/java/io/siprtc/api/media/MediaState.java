package io.siprtc.api.media;

/** The transport states a session reports (names after the W3C WebRTC states). */
public final class MediaState {

    public enum Ice { NEW, CHECKING, CONNECTED, COMPLETED, FAILED, DISCONNECTED, CLOSED }

    public enum Dtls { NEW, CONNECTING, CONNECTED, FAILED, CLOSED }

    public enum Connection { NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED }

    private final Ice ice;
    private final Dtls dtls;
    private final Connection connection;

    public MediaState(Ice ice, Dtls dtls, Connection connection) {
        this.ice = ice;
        this.dtls = dtls;
        this.connection = connection;
    }

    public Ice ice() {
        return ice;
    }

    public Dtls dtls() {
        return dtls;
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public String toString() {
        return "ice=" + ice + " dtls=" + dtls + " connection=" + connection;
    }
}
