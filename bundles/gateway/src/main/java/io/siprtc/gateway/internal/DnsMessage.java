package io.siprtc.gateway.internal;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DNS wire format (RFC 1035 section 4) for one question: the query we send and the parts of
 * a response we read (header, answer records of the asked type, SOA minimum for negative caching).
 */
final class DnsMessage {

    /** RCODE values (RFC 1035 section 4.1.1). */
    static final int NOERROR = 0;
    static final int NXDOMAIN = 3;
    private static final int TYPE_SOA = 6;
    private static final int CLASS_IN = 1;

    /** A parsed response. */
    record Response(int id, boolean truncated, int rcode, DnsAnswer answer) {
    }

    private DnsMessage() {
    }

    /** A recursive query (RD set) for one name and type, class IN. */
    static byte[] query(int id, String name, DnsType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeShort(out, id);
        writeShort(out, 0x0100); // QR=0, opcode QUERY, RD=1
        writeShort(out, 1); // QDCOUNT
        writeShort(out, 0);
        writeShort(out, 0);
        writeShort(out, 0);
        writeName(out, name);
        writeShort(out, type.code);
        writeShort(out, CLASS_IN);
        return out.toByteArray();
    }

    /**
     * Reads a response to our question; records of other types (CNAMEs of the chain, ...) are
     * left out. Throws IllegalArgumentException for a message that does not parse.
     */
    static Response parse(byte[] m, int length, DnsType asked) {
        Reader r = new Reader(m, length);
        int id = r.u16();
        int flags = r.u16();
        if ((flags & 0x8000) == 0) {
            throw new IllegalArgumentException("not a DNS response");
        }
        int qd = r.u16();
        int an = r.u16();
        int ns = r.u16();
        r.u16(); // ARCOUNT: additional records are not used
        for (int i = 0; i < qd; i++) {
            r.name();
            r.skip(4);
        }
        List<DnsRecord> records = new ArrayList<>();
        long minTtl = Long.MAX_VALUE;
        for (int i = 0; i < an; i++) {
            r.name();
            int type = r.u16();
            r.u16();
            long ttl = r.u32();
            int rdLength = r.u16();
            int end = r.pos + rdLength;
            r.require(rdLength);
            if (type == asked.code) {
                records.add(record(r, asked, ttl, rdLength));
                minTtl = Math.min(minTtl, ttl);
            }
            r.pos = end;
        }
        long negativeTtl = DnsAnswer.DEFAULT_NEGATIVE_TTL;
        for (int i = 0; i < ns && records.isEmpty(); i++) {
            r.name();
            int type = r.u16();
            r.u16();
            long ttl = r.u32();
            int rdLength = r.u16();
            int end = r.pos + rdLength;
            r.require(rdLength);
            if (type == TYPE_SOA) {
                r.name();
                r.name();
                r.skip(16);
                negativeTtl = Math.min(ttl, r.u32()); // RFC 2308 section 5
            }
            r.pos = end;
        }
        long ttl = records.isEmpty() ? negativeTtl : minTtl;
        return new Response(id, (flags & 0x0200) != 0, flags & 0x000F, new DnsAnswer(records, ttl));
    }

    private static DnsRecord record(Reader r, DnsType type, long ttl, int rdLength) {
        switch (type) {
            case A:
            case AAAA:
                int size = type == DnsType.A ? 4 : 16;
                if (rdLength != size) {
                    throw new IllegalArgumentException(type + " record of " + rdLength + " bytes");
                }
                try {
                    return new DnsRecord.Address(InetAddress.getByAddress(r.bytes(size)), ttl);
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            case SRV:
                return new DnsRecord.Srv(r.u16(), r.u16(), r.u16(), r.name(), ttl);
            case NAPTR:
                return new DnsRecord.Naptr(r.u16(), r.u16(), r.text(), r.text(), r.text(), r.name(), ttl);
            default:
                throw new IllegalArgumentException("unexpected type " + type);
        }
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.length() > 253) {
            throw new IllegalArgumentException("DNS name too long: " + name);
        }
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                if (b.length == 0 || b.length > 63) {
                    throw new IllegalArgumentException("bad DNS name: " + name);
                }
                out.write(b.length);
                out.write(b, 0, b.length);
            }
        }
        out.write(0);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xFF);
        out.write(v & 0xFF);
    }

    /** Reads fields with bounds checks; names may use compression pointers (RFC 1035 section 4.1.4). */
    private static final class Reader {
        private final byte[] m;
        private final int length;
        int pos;

        Reader(byte[] m, int length) {
            this.m = m;
            this.length = length;
        }

        void require(int n) {
            if (n < 0 || pos + n > length) {
                throw new IllegalArgumentException("DNS message cut short at byte " + pos);
            }
        }

        void skip(int n) {
            require(n);
            pos += n;
        }

        int u8() {
            require(1);
            return m[pos++] & 0xFF;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        long u32() {
            return ((long) u16() << 16) | u16();
        }

        byte[] bytes(int n) {
            require(n);
            byte[] b = new byte[n];
            System.arraycopy(m, pos, b, 0, n);
            pos += n;
            return b;
        }

        /** A character-string: a length byte and that many bytes. */
        String text() {
            int n = u8();
            return new String(bytes(n), StandardCharsets.US_ASCII);
        }

        /** A domain name, lower case, without the trailing dot; the root is {@code "."}. */
        String name() {
            StringBuilder b = new StringBuilder();
            int p = pos;
            int jumps = 0;
            boolean jumped = false;
            while (true) {
                if (p >= length) {
                    throw new IllegalArgumentException("DNS name runs past the message");
                }
                int len = m[p] & 0xFF;
                if ((len & 0xC0) == 0xC0) {
                    if (p + 1 >= length || ++jumps > 64) {
                        throw new IllegalArgumentException("bad DNS name compression");
                    }
                    int target = ((len & 0x3F) << 8) | (m[p + 1] & 0xFF);
                    if (!jumped) {
                        pos = p + 2;
                        jumped = true;
                    }
                    p = target;
                } else if (len == 0) {
                    if (!jumped) {
                        pos = p + 1;
                    }
                    break;
                } else if (len > 63 || p + 1 + len > length) {
                    throw new IllegalArgumentException("bad DNS label");
                } else {
                    if (b.length() > 0) {
                        b.append('.');
                    }
                    b.append(new String(m, p + 1, len, StandardCharsets.US_ASCII));
                    p += 1 + len;
                }
            }
            return b.length() == 0 ? "." : b.toString().toLowerCase(Locale.ROOT);
        }
    }
}
