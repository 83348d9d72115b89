package io.siprtc.gateway.internal;

/** The DNS record types server location asks for, with their RFC 1035 / 3596 / 2782 / 3403 codes. */
enum DnsType {
    A(1), AAAA(28), SRV(33), NAPTR(35);

    final int code;

    DnsType(int code) {
        this.code = code;
    }
}
