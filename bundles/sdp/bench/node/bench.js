#!/usr/bin/env node
// sdp-transform (npm, the SDP library JsSIP uses) parse + write of one SDP text, timed in a
// warmed loop. Run by bundles/sdp/bench/run.sh next to the JMH benchmarks on the same file.
//
//   node bench.js <file.sdp> [--warmup-ms 5000] [--rounds 10] [--round-ms 1000] [--json out.json]
//
// Prints ops/s (mean of the rounds, with min/max/stdev) and µs/op; --json also writes them.
'use strict';

const fs = require('fs');
const sdpTransform = require('sdp-transform');

function parseArgs(argv) {
  const opts = { file: null, warmupMs: 5000, rounds: 10, roundMs: 1000, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--warmup-ms') opts.warmupMs = Number(argv[++i]);
    else if (a === '--rounds') opts.rounds = Number(argv[++i]);
    else if (a === '--round-ms') opts.roundMs = Number(argv[++i]);
    else if (a === '--json') opts.json = argv[++i];
    else if (!opts.file) opts.file = a;
    else throw new Error('unexpected argument: ' + a);
  }
  if (!opts.file) throw new Error('usage: node bench.js <file.sdp> [--warmup-ms N] [--rounds N] [--round-ms N] [--json out]');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const text = fs.readFileSync(opts.file, 'utf8');

// The operation: text in, text out, as the Java benchmarks do.
function op() {
  return sdpTransform.write(sdpTransform.parse(text));
}

let sink = 0; // keeps the results alive
const nowNs = () => process.hrtime.bigint();

// Runs op() for about `ms` milliseconds; returns [iterations, elapsed ns].
function timed(ms) {
  const budget = BigInt(Math.round(ms * 1e6));
  const start = nowNs();
  let n = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < 16; i++) {
      sink += op().length;
    }
    n += 16;
    elapsed = nowNs() - start;
  } while (elapsed < budget);
  return [n, elapsed];
}

const sample = op();
console.log(`input: ${opts.file}, ${text.length} characters, ${text.split('\n').length - (text.endsWith('\n') ? 1 : 0)} lines; `
  + `sdp-transform writes ${sample.length} characters${sample === text ? ' (identical)' : ''}`);
console.log(`node ${process.version}, sdp-transform ${require('sdp-transform/package.json').version}; `
  + `warmup ${opts.warmupMs} ms, ${opts.rounds} x ${opts.roundMs} ms`);

timed(opts.warmupMs);
const rates = [];
for (let r = 0; r < opts.rounds; r++) {
  const [n, ns] = timed(opts.roundMs);
  const rate = n / (Number(ns) / 1e9);
  rates.push(rate);
  console.log(`Iteration ${r + 1}: ${rate.toFixed(1)} ops/s`);
}
const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, rates.length - 1));
const result = {
  benchmark: 'sdpTransformParseWrite',
  node: process.version,
  sdpTransform: require('sdp-transform/package.json').version,
  chars: text.length,
  opsPerSec: mean,
  min: Math.min(...rates),
  max: Math.max(...rates),
  stdev: sd,
  usPerOp: 1e6 / mean,
  rounds: rates,
  sink,
};
console.log(`sdp-transform parse+write: ${mean.toFixed(1)} ops/s (min ${result.min.toFixed(1)}, max ${result.max.toFixed(1)}, `
  + `stdev ${sd.toFixed(1)}), ${result.usPerOp.toFixed(2)} us/op`);
if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(result, null, 2) + '\n');
