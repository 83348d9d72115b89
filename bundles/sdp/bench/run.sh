#!/usr/bin/env bash
# SDP text -> SDP text, side by side in one run, on the same file (default: the Chromium
# audio+video offer of the corpus):
#   - SIPRTC (JMH, bundles/sdp/src/jmh/java, built with -Pbench): parse + convert (the built-in
#     rules for an outgoing offer, profiles webrtc and sip-dtls) + write, and parse + write;
#   - JAIN-SIP RI's javax.sdp (JMH, same JVM settings): createSessionDescription + toString;
#   - npm's sdp-transform (what JsSIP uses; node, warmed loop): parse + write.
# Prints a table with the ratios and writes it to bundles/sdp/bench/RESULTS.md.
#
#   bundles/sdp/bench/run.sh            # full run, about 2 minutes after the build
#   QUICK=1 bundles/sdp/bench/run.sh    # short smoke run (numbers not for RESULTS.md)
#
# Settings (environment): SDP_FILE, JMH_FORKS (2), JMH_WARMUP_ITERATIONS (5), JMH_ITERATIONS (5),
# JMH_TIME (1s per iteration), NODE_WARMUP_MS (5000), NODE_ROUNDS (10), NODE_ROUND_MS (1000),
# SKIP_BUILD=1 (reuse the last -Pbench build), RESULTS (where to write the markdown),
# MAX_LOAD (1.5) and LOAD_WAIT (600 s): before measuring, wait up to LOAD_WAIT seconds for the
# 1-minute load average to drop below MAX_LOAD (then measure anyway; the table shows the load).
# The machine is shared: look at the load figures printed with the table.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
module="$root/bundles/sdp"
out="$module/target/bench/results"
sdp_file="${SDP_FILE:-$module/src/test/resources/corpus/chromium-audio-video-offer.sdp}"
sdp_file="$(cd "$(dirname "$sdp_file")" && pwd)/$(basename "$sdp_file")"
results="${RESULTS:-$here/RESULTS.md}"

if [ "${QUICK:-}" = 1 ]; then
  : "${JMH_FORKS:=1}" "${JMH_WARMUP_ITERATIONS:=2}" "${JMH_ITERATIONS:=2}" "${NODE_WARMUP_MS:=1000}" "${NODE_ROUNDS:=2}"
  results="${RESULTS:-$out/RESULTS-quick.md}"
fi
forks="${JMH_FORKS:-2}"
wi="${JMH_WARMUP_ITERATIONS:-5}"
mi="${JMH_ITERATIONS:-5}"
itime="${JMH_TIME:-1s}"
node_warmup="${NODE_WARMUP_MS:-5000}"
node_rounds="${NODE_ROUNDS:-10}"
node_round_ms="${NODE_ROUND_MS:-1000}"

command -v java >/dev/null || { echo "java (17+) is needed" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed (Debian: apt-get install nodejs npm)" >&2; exit 1; }

cd "$root"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== build: ./mvnw -Pbench -pl bundles/sdp test-compile (into bundles/sdp/target/bench)"
  ./mvnw -B -q -Pbench -pl bundles/sdp -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench/classpath.txt -Dmdep.includeScope=test
fi
if [ ! -d "$here/node/node_modules/sdp-transform" ]; then
  echo "== npm ci (bundles/sdp/bench/node)"
  (cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

max_load="${MAX_LOAD:-1.5}"
load_wait="${LOAD_WAIT:-600}"
[ "${QUICK:-}" = 1 ] && load_wait="${LOAD_WAIT:-0}"
waited=0
while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$max_load" 'BEGIN { exit !(l > m) }' && [ "$waited" -lt "$load_wait" ]; do
  echo "== load average $(cut -d' ' -f1-3 /proc/loadavg) above $max_load: waiting ($waited/$load_wait s)"
  sleep 15
  waited=$((waited + 15))
done

mkdir -p "$out"
rm -f "$out"/jmh.json "$out"/node.json "$out"/load.txt
# Load average while the benchmarks run, every 5 s.
( while :; do cut -d' ' -f1-3 /proc/loadavg >> "$out/load.txt"; sleep 5; done ) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

cp="$module/target/bench/test-classes:$module/target/bench/classes:$(cat "$module/target/bench/classpath.txt")"
jmh_args=(io.siprtc.sdp.bench.SdpBenchmark -p "file=$sdp_file" -f "$forks" -wi "$wi" -w "$itime" -i "$mi" -r "$itime"
  -jvmArgsAppend "-Xms1g -Xmx1g" -rf json -rff "$out/jmh.json")
echo "== JMH: ${jmh_args[*]}"
java -cp "$cp" org.openjdk.jmh.Main "${jmh_args[@]}" | tee "$out/jmh.log"

node_args=("$sdp_file" --warmup-ms "$node_warmup" --rounds "$node_rounds" --round-ms "$node_round_ms" --json "$out/node.json")
echo "== node: node bundles/sdp/bench/node/bench.js ${node_args[*]}"
node "$here/node/bench.js" "${node_args[@]}" | tee "$out/node.log"

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
kill "$sampler" 2>/dev/null || true

cmd="bundles/sdp/bench/run.sh"
[ "${QUICK:-}" = 1 ] && cmd="QUICK=1 $cmd"
node "$here/node/report.js" \
  --jmh "$out/jmh.json" --node "$out/node.json" --load-samples "$out/load.txt" \
  --load-before "$load_before" --load-after "$load_after" \
  --date "$started" --file "${sdp_file#"$root"/}" --command "$cmd" \
  --settings "JMH 1.37: $forks fork(s) x ($wi warmup + $mi measured) iterations of $itime, -Xms1g -Xmx1g, 1 thread; node: ${node_warmup} ms warmup, $node_rounds x ${node_round_ms} ms" \
  --out "$results"
echo "== written: ${results#"$root"/}"
