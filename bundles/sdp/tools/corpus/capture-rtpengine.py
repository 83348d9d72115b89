#!/usr/bin/env python3
"""rtpengine (Debian's 10.5, userspace only, on 127.0.0.1) rewrites captured offers through its
NG control protocol (bencode over UDP), as Kamailio's rtpengine module asks it to:
  chromium-audio-offer.sdp  -> plain RTP/AVP for a SIP phone (ICE removed, DTLS off, RTCP demuxed)
  sipp-uac-pcmu-offer.sdp   -> WebRTC (ICE forced, DTLS-SRTP, UDP/TLS/RTP/SAVPF, rtcp-mux offered)
  sipp-uac-pcmu-offer.sdp   -> SDES-SRTP RTP/SAVP (a=crypto), DTLS off
Usage: capture-rtpengine.py <corpus-dir>   (reads its inputs from and writes into that directory)"""
import os, random, socket, subprocess, sys, tempfile, time

corpus = sys.argv[1] if len(sys.argv) > 1 else "."

def benc(v):
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, str):
        v = v.encode("utf-8")
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, list):
        return b"l" + b"".join(benc(x) for x in v) + b"e"
    if isinstance(v, dict):
        return b"d" + b"".join(benc(k) + benc(v[k]) for k in sorted(v)) + b"e"
    raise TypeError(v)

def bdec(b, i=0):
    c = b[i:i + 1]
    if c == b"i":
        e = b.index(b"e", i)
        return int(b[i + 1:e]), e + 1
    if c in (b"l", b"d"):
        i += 1
        items = []
        while b[i:i + 1] != b"e":
            x, i = bdec(b, i)
            items.append(x)
        return (items if c == b"l" else dict(zip(items[::2], items[1::2]))), i + 1
    colon = b.index(b":", i)
    n = int(b[i:colon])
    return b[colon + 1:colon + 1 + n], colon + 1 + n

def ng(sock, command):
    cookie = b"%08x" % random.getrandbits(32)
    sock.sendto(cookie + b" " + benc(command), ("127.0.0.1", 22222))
    data, _ = sock.recvfrom(65535)
    reply, _ = bdec(data[len(cookie) + 1:])
    if reply.get(b"result") != b"ok":
        sys.exit("rtpengine: %r" % reply)
    return reply[b"sdp"]

tmp = tempfile.mkdtemp()
proc = subprocess.Popen(["rtpengine", "--foreground", "--log-stderr", "--table=-1", "--interface=127.0.0.1",
                         "--listen-ng=127.0.0.1:22222", "--port-min=30000", "--port-max=30200",
                         "--pidfile=" + os.path.join(tmp, "pid")], stderr=open(os.path.join(tmp, "log"), "wb"))
try:
    time.sleep(1.0)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    jobs = [
        ("chromium-audio-offer.sdp", "rtpengine-webrtc-to-rtp-avp-offer.sdp",
         {"ICE": "remove", "DTLS": "off", "transport-protocol": "RTP/AVP", "rtcp-mux": ["demux"]}),
        ("sipp-uac-pcmu-offer.sdp", "rtpengine-rtp-avp-to-webrtc-offer.sdp",
         {"ICE": "force", "transport-protocol": "UDP/TLS/RTP/SAVPF", "rtcp-mux": ["offer"], "SDES": ["off"]}),
        ("sipp-uac-pcmu-offer.sdp", "rtpengine-rtp-avp-to-sdes-savp-offer.sdp",
         {"DTLS": "off", "transport-protocol": "RTP/SAVP"}),
    ]
    for n, (src, dst, flags) in enumerate(jobs):
        with open(os.path.join(corpus, src), "rb") as f:
            sdp = f.read()
        cmd = {"command": "offer", "call-id": "corpus-%d@127.0.0.1" % n, "from-tag": "corpus%d" % n, "sdp": sdp,
               "replace": ["origin", "session-connection"]}
        cmd.update(flags)
        out = ng(s, cmd)
        with open(os.path.join(corpus, dst), "wb") as f:
            f.write(out)
        ng_delete = {"command": "delete", "call-id": "corpus-%d@127.0.0.1" % n, "from-tag": "corpus%d" % n}
        cookie = b"%08x" % random.getrandbits(32)
        s.sendto(cookie + b" " + benc(ng_delete), ("127.0.0.1", 22222))
        s.recvfrom(65535)
        print("wrote", dst, len(out))
finally:
    proc.terminate()
    proc.wait(5)
