#!/usr/bin/env python3
"""Waits on 127.0.0.1:<port> (UDP) for one SIP INVITE, writes its SDP body byte for byte to
<out>, answers 488 so the caller gives up, and exits. Bounded: gives up after <timeout> s.
Usage: sip-capture.py <port> <out> [timeout]"""
import socket, sys, time

port, out = int(sys.argv[1]), sys.argv[2]
deadline = time.time() + (float(sys.argv[3]) if len(sys.argv) > 3 else 15)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", port))
while time.time() < deadline:
    s.settimeout(max(0.1, deadline - time.time()))
    try:
        data, peer = s.recvfrom(65535)
    except socket.timeout:
        break
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    if not lines[0].startswith(b"INVITE "):
        continue
    with open(out, "wb") as f:
        f.write(body)
    hdrs = [l for l in lines[1:] if l.split(b":")[0].strip().lower() in (b"via", b"from", b"to", b"call-id", b"cseq")]
    resp = b"SIP/2.0 488 Not Acceptable Here\r\n" + b"\r\n".join(hdrs) + b"\r\nContent-Length: 0\r\n\r\n"
    s.sendto(resp, peer)
    print("captured %d bytes from %s:%d" % (len(body), peer[0], peer[1]))
    sys.exit(0)
print("no INVITE within the time limit", file=sys.stderr)
sys.exit(1)
