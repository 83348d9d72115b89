#!/usr/bin/env bash
# baresip (Debian's 1.0) dials sip-capture.py on loopback once as a plain RTP/AVP phone and once
# with mediaenc=dtls_srtp + medianat=ice (its WebRTC-style mode); the INVITE bodies are kept.
# Usage: capture-baresip.sh <out-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); out=$(cd "${1:-.}" && pwd)
run() { # <name> <account params>
  local dir; dir=$(mktemp -d)
  cat > "$dir/config" <<CONF
sip_listen 127.0.0.1:5071
net_interface 127.0.0.1
module_path /usr/lib/baresip/modules
module g711.so
module opus.so
module g722.so
module ausine.so
module aufile.so
module menu.so
module ice.so
module srtp.so
module dtls_srtp.so
module_app account.so
audio_source ausine,440
audio_player aufile,/dev/null
audio_alert aufile,/dev/null
CONF
  echo "<sip:alice@127.0.0.1>;regint=0$2" > "$dir/accounts"
  python3 "$here/sip-capture.py" 5099 "$out/$1" 15 & local cap=$!
  sleep 0.5
  timeout 12 baresip -f "$dir" -t 6 -e "/dial sip:bob@127.0.0.1:5099" </dev/null >"$dir/log" 2>&1 & local b=$!
  wait $cap || { cat "$dir/log" >&2; }
  kill $b 2>/dev/null || true
  wait $b 2>/dev/null || true
  rm -rf "$dir"
}
run baresip-plain-offer.sdp ""
run baresip-dtls-srtp-ice-offer.sdp ";mediaenc=dtls_srtp;medianat=ice"
