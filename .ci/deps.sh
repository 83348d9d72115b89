#!/usr/bin/env bash
# The Debian packages SIPRTC needs, in one place: the README's commands and CI call this.
#   deps.sh runtime   what ./siprtc needs (libpulse0: webrtc-java's native library links it)
#   deps.sh build     runtime + what the build and tests need
# As root it installs what is missing; otherwise it stops at once naming the packages.
set -euo pipefail
runtime=(libpulse0)
build=(libpulse0 curl unzip openjdk-17-jdk-headless kamailio kamailio-tls-modules mosquitto openssl sip-tester dnsmasq-base coturn)
build+=(kamailio-websocket-modules chromium nodejs $(command -v npm >/dev/null || echo npm)) # JsSIP interop tests (Debian's nodejs needs its npm package; NodeSource's has npm)
# interop tests: packet captures on lo, and the check that nothing left loopback
build+=(tshark)
# baresip and rtpengine interop tests (baresip-core: the baresip package only adds GUI and video recommends)
build+=(rtpengine-daemon baresip-core)
# two WebRTC-style baresips on loopback: the test fixture compiles an LD_PRELOAD shim (Baresip.Options.loopbackIce())
build+=(gcc libc6-dev)
case "${1:-runtime}" in
  runtime) want=("${runtime[@]}") ;;
  build) want=("${build[@]}") ;;
  *) echo "usage: deps.sh runtime|build" >&2; exit 2 ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "siprtc: missing Debian packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "siprtc: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
# The tests start their own turnserver on 127.0.0.1; Debian's coturn unit would run one on every
# interface (port 3478) from now on: stop and disable it where systemd runs.
if [[ " ${missing[*]} " == *" coturn "* ]] && [ -d /run/systemd/system ]; then
  systemctl disable --now coturn.service >&2 || true
fi
# Likewise the rtpengine tests start their own rtpengine on 127.0.0.1; Debian's unit would run one
# on every interface (NG port 2223, iptables rules): stop and disable it where systemd runs.
if [[ " ${missing[*]} " == *" rtpengine-daemon "* ]] && [ -d /run/systemd/system ]; then
  systemctl disable --now rtpengine-daemon.service >&2 || true
fi
