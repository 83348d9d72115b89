#!/usr/bin/env bash
# SIPp's built-in uac scenario sends one INVITE with its SDP to sip-capture.py on loopback.
# Usage: capture-sipp.sh <out-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); out=${1:-.}
python3 "$here/sip-capture.py" 5099 "$out/sipp-uac-pcmu-offer.sdp" 15 & cap=$!
sleep 0.5
timeout 10 sipp -sn uac -m 1 -i 127.0.0.1 -p 5098 -ci 127.0.0.1 -cp 8889 127.0.0.1:5099 </dev/null >/dev/null 2>&1 & sipp=$!
wait $cap
kill $sipp 2>/dev/null || true
wait $sipp 2>/dev/null || true
