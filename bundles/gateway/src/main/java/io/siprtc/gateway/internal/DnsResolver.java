package io.siprtc.gateway.internal;

import java.io.IOException;

/** Asks DNS for the records of one type for a name. */
interface DnsResolver {

    /**
     * The answer; empty when the name has no such records (or does not exist).
     *
     * @throws IOException when no server gave an answer (timeout, SERVFAIL, REFUSED, ...); the
     *     message names the name, the type and the servers
     */
    DnsAnswer query(String name, DnsType type) throws IOException;
}
