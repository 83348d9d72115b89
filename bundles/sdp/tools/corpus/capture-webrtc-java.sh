#!/usr/bin/env bash
# Runs CaptureWebRtcJava.java (JDK 17 single-file launch) with webrtc-java 0.14.0 from the local
# Maven repository (./mvnw -B install puts it there). Usage: capture-webrtc-java.sh <out-dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=${MAVEN_REPO:-$HOME/.m2/repository}/dev/onvoid/webrtc/webrtc-java/0.14.0
cp="$repo/webrtc-java-0.14.0.jar:$repo/webrtc-java-0.14.0-linux-x86_64.jar"
timeout 60 java -cp "$cp" "$here/CaptureWebRtcJava.java" "${1:-.}"
