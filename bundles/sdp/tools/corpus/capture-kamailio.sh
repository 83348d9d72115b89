#!/usr/bin/env bash
# baresip (dtls_srtp + ICE account) calls through Kamailio (kamailio-relay.cfg), which has
# rtpengine rewrite the offer to plain RTP/AVP and relays the INVITE to sip-capture.py; the body
# that arrives is kept. All on 127.0.0.1. Usage: capture-kamailio.sh <out-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); out=$(cd "${1:-.}" && pwd)
dir=$(mktemp -d)
rtpengine --foreground --log-stderr --table=-1 --interface=127.0.0.1 --listen-ng=127.0.0.1:22222 \
  --port-min=30000 --port-max=30200 --pidfile="$dir/rtpengine.pid" 2>"$dir/rtpengine.log" & rtp=$!
kamailio -f "$here/kamailio-relay.cfg" -DD -E -P "$dir/kamailio.pid" -Y "$dir" 2>"$dir/kamailio.log" & kam=$!
sleep 1.5
cat > "$dir/config" <<CONF
sip_listen 127.0.0.1:5071
net_interface 127.0.0.1
module_path /usr/lib/baresip/modules
module g711.so
module opus.so
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
echo "<sip:alice@127.0.0.1;transport=udp>;regint=0;mediaenc=dtls_srtp;medianat=ice;outbound=\"sip:127.0.0.1:5060\"" > "$dir/accounts"
python3 "$here/sip-capture.py" 5099 "$out/kamailio-rtpengine-relayed-offer.sdp" 15 & cap=$!
sleep 0.5
timeout 12 baresip -f "$dir" -t 6 -e "/dial sip:bob@127.0.0.1:5099" </dev/null >"$dir/baresip.log" 2>&1 & b=$!
status=0
wait $cap || { status=1; tail -20 "$dir/kamailio.log" >&2; tail -20 "$dir/baresip.log" >&2; }
kill $b $kam $rtp 2>/dev/null || true
wait $b $kam $rtp 2>/dev/null || true
rm -rf "$dir"
exit $status
