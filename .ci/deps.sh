#!/usr/bin/env bash
# The Debian packages SIPRTC needs, in one place: the README's commands and CI call this.
#   deps.sh runtime   what ./siprtc needs (libpulse0: webrtc-java's native library links it)
#   deps.sh build     runtime + what the build and tests need
# As root it installs what is missing; otherwise it stops at once naming the packages.
set -euo pipefail
runtime=(libpulse0)
build=(libpulse0 curl unzip openjdk-17-jdk-headless kamailio kamailio-tls-modules mosquitto openssl sip-tester dnsmasq-base coturn)
# interop tests: packet captures on lo, and the check that nothing left loopback
build+=(tshark)
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
