package io.siprtc.gateway.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.siprtc.api.sip.SipRequest;
import io.siprtc.api.sip.SipResponse;

/**
 * Answers digest challenges for one user (RFC 3261 sections 22.2-22.3, RFC 7616, RFC 8760):
 * one set of credentials per challenged realm, the strongest algorithm a realm offers, nonce
 * counting per nonce, and the rule that keeps a wrong password from causing a storm of requests:
 * when credentials computed from a fresh challenge are challenged again without {@code stale=true},
 * they were refused. Also keeps the last challenge of each realm, so that a later request (a
 * REGISTER refresh) can carry credentials at once. Thread-safe.
 */
final class DigestClient {

    /** stale=true answers in a row before we give up: a server that never accepts its own nonces. */
    static final int MAX_STALE_IN_A_ROW = 3;

    private final String username;
    private final String password;
    private final Supplier<String> cnonces;
    private final Map<String, Nonce> byRealm = new LinkedHashMap<>();
    /** Header values computed in answer to a challenge (as opposed to reused from the cache). */
    private final Set<String> fresh = new HashSet<>();
    private int staleInARow;

    /** The challenged request again with credentials, and whether a challenge said stale=true. */
    record Answer(SipRequest request, boolean stale) {
    }

    /**
     * @param username the authentication user name
     * @param password may be empty: then every challenge fails with {@link AuthenticationException.Reason#NO_PASSWORD}
     * @param cnonces fresh client nonces
     */
    DigestClient(String username, String password, Supplier<String> cnonces) {
        this.username = username;
        this.password = password == null ? "" : password;
        this.cnonces = cnonces;
    }

    String username() {
        return username;
    }

    /**
     * The request that got the 401 or 407, with credentials for every challenged realm; the
     * caller gives it the next CSeq. Credentials for realms not challenged stay as they were.
     *
     * @param challenged the request exactly as we sent it (without the stack's Via)
     * @throws AuthenticationException when the credentials were refused, there is no password, or no challenge is usable
     */
    synchronized Answer answer(SipRequest challenged, SipResponse response) throws AuthenticationException {
        List<String> problems = new ArrayList<>();
        Map<String, DigestChallenge> best = new LinkedHashMap<>();
        collect(response.headerValues("WWW-Authenticate"), false, best, problems);
        collect(response.headerValues("Proxy-Authenticate"), true, best, problems);
        String status = response.status() + " " + response.reason();
        if (best.isEmpty()) {
            throw new AuthenticationException(AuthenticationException.Reason.UNUSABLE_CHALLENGE,
                    status + " without a usable digest challenge" + (problems.isEmpty() ? "" : ": " + problems.get(0)));
        }
        if (password.isEmpty()) {
            throw new AuthenticationException(AuthenticationException.Reason.NO_PASSWORD,
                    "no password configured for user " + username + " (" + status + ", realm \""
                            + best.values().iterator().next().realm() + "\")");
        }
        boolean stale = false;
        for (DigestChallenge c : best.values()) {
            String sent = credentialsFor(challenged, c.proxy(), c.realm());
            if (sent != null && fresh.contains(sent) && !c.stale()) {
                throw new AuthenticationException(AuthenticationException.Reason.REFUSED,
                        "authentication failed: " + status + " for user " + username + " in realm \"" + c.realm()
                                + "\" (wrong user name or password)");
            }
            stale |= c.stale();
        }
        staleInARow = stale ? staleInARow + 1 : 0;
        if (staleInARow > MAX_STALE_IN_A_ROW) {
            throw new AuthenticationException(AuthenticationException.Reason.UNUSABLE_CHALLENGE,
                    status + ": the server called its nonce stale " + staleInARow + " times in a row");
        }
        fresh.clear();
        SipRequest out = challenged;
        for (Map.Entry<String, DigestChallenge> e : best.entrySet()) {
            DigestChallenge c = e.getValue();
            Nonce n = new Nonce(c);
            byRealm.put(e.getKey(), n);
            out = withoutCredentials(out, c.proxy(), c.realm());
            String header = credentials(n, out);
            fresh.add(header);
            out = out.addHeader(c.credentialsHeader(), header);
        }
        return new Answer(out, stale);
    }

    /**
     * The request with credentials from the challenges remembered so far (next nonce count) for
     * every realm it has none for; unchanged when nothing is remembered or there is no password.
     */
    SipRequest preauthorize(SipRequest request) {
        return preauthorize(request, false);
    }

    /**
     * As {@link #preauthorize(SipRequest)}, with only the proxies' challenges ({@code
     * Proxy-Authorization}) when {@code proxiesOnly}: a new call's INVITE may reach another user
     * agent than the one whose {@code WWW-Authenticate} an earlier call answered.
     */
    synchronized SipRequest preauthorize(SipRequest request, boolean proxiesOnly) {
        if (password.isEmpty()) {
            return request;
        }
        SipRequest out = request;
        for (Nonce n : byRealm.values()) {
            if (proxiesOnly && !n.challenge.proxy()) {
                continue;
            }
            if (credentialsFor(out, n.challenge.proxy(), n.challenge.realm()) == null) {
                out = out.addHeader(n.challenge.credentialsHeader(), credentials(n, out));
            }
        }
        return out;
    }

    /** Drops the remembered challenges (after a long pause, their nonces are stale anyway). */
    synchronized void forget() {
        byRealm.clear();
        fresh.clear();
        staleInARow = 0;
    }

    private String credentials(Nonce n, SipRequest request) {
        n.count++;
        return DigestCredentials.header(n.challenge, username, password, request.method(), request.requestUri(),
                request.body(), cnonces.get(), n.count);
    }

    /** Per (header, realm) the strongest challenge; ties keep the topmost (RFC 8760 section 2.4). */
    private static void collect(List<String> values, boolean proxy, Map<String, DigestChallenge> best, List<String> problems) {
        for (String v : values) {
            DigestChallenge c;
            try {
                c = DigestChallenge.parse(v, proxy);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            String key = (proxy ? "P " : "W ") + c.realm();
            DigestChallenge old = best.get(key);
            if (old == null || c.algorithm().strength() > old.algorithm().strength()) {
                best.put(key, c);
            }
        }
    }

    private static String headerName(boolean proxy) {
        return proxy ? "Proxy-Authorization" : "Authorization";
    }

    /** Our credentials for a realm in a request, or null. */
    private static String credentialsFor(SipRequest request, boolean proxy, String realm) {
        for (String v : request.headerValues(headerName(proxy))) {
            if (realm.equals(realmOf(v))) {
                return v;
            }
        }
        return null;
    }

    private static SipRequest withoutCredentials(SipRequest request, boolean proxy, String realm) {
        String name = headerName(proxy);
        List<String> keep = new ArrayList<>();
        for (String v : request.headerValues(name)) {
            if (!realm.equals(realmOf(v))) {
                keep.add(v);
            }
        }
        SipRequest out = request.withHeader(name, null);
        for (String v : keep) {
            out = out.addHeader(name, v);
        }
        return out;
    }

    private static String realmOf(String credentials) {
        try {
            return DigestChallenge.parameters(credentials).get("realm");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "DigestClient[" + username + ", realms " + byRealm.keySet() + "]";
    }

    /** A challenge and how many requests used its nonce. */
    private static final class Nonce {
        final DigestChallenge challenge;
        long count;

        Nonce(DigestChallenge challenge) {
            this.challenge = challenge;
        }
    }
}
