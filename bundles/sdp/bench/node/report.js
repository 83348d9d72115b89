#!/usr/bin/env node
// Builds the comparison table of bundles/sdp/bench/run.sh from JMH's JSON and bench.js's JSON,
// prints it and writes it (with date, machine load and command) as markdown.
'use strict';

const fs = require('fs');
const os = require('os');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const jmh = JSON.parse(fs.readFileSync(args.jmh, 'utf8'));
const nodeRes = JSON.parse(fs.readFileSync(args.node, 'utf8'));

const rows = [];
const byName = {};
const labels = {
  siprtcParseConvertWriteWebrtc: ['SIPRTC `io.siprtc.sdp`', 'parse + convert (profile webrtc) + write'],
  siprtcParseConvertWriteSipDtls: ['SIPRTC `io.siprtc.sdp`', 'parse + convert (profile sip-dtls) + write'],
  siprtcParseWrite: ['SIPRTC `io.siprtc.sdp`', 'parse + write'],
  jainSipParseWrite: ['JAIN-SIP RI 1.3.0-91 `javax.sdp`', 'parse + toString'],
};
for (const r of jmh) {
  const name = r.benchmark.replace(/.*\./, '');
  const m = r.primaryMetric;
  const row = {
    name, lib: (labels[name] || [name])[0], op: (labels[name] || [name, ''])[1],
    ops: m.score, err: m.scoreError, errKind: '±99.9% CI', n: (m.rawData || []).flat().length,
  };
  rows.push(row);
  byName[name] = row;
}
const st = {
  name: 'sdpTransformParseWrite', lib: `npm sdp-transform ${nodeRes.sdpTransform} (node ${nodeRes.node})`,
  op: 'parse + write', ops: nodeRes.opsPerSec, err: nodeRes.stdev, errKind: '±stdev', n: nodeRes.rounds.length,
};
rows.push(st);
const order = ['siprtcParseConvertWriteWebrtc', 'siprtcParseConvertWriteSipDtls', 'siprtcParseWrite', 'jainSipParseWrite',
  'sdpTransformParseWrite'];
rows.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
const jain = byName.jainSipParseWrite;

const fmt = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const table = [];
table.push('| Library | Operation | ops/s | error | µs/op | × sdp-transform | × javax.sdp |');
table.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  table.push(`| ${r.lib} | ${r.op} | ${fmt(r.ops)} | ${Number.isFinite(r.err) ? `${r.errKind} ${fmt(r.err)}` : 'n/a'} (n=${r.n}) | ${fmt(1e6 / r.ops, 1)} | `
    + `${fmt(r.ops / st.ops, 2)} | ${jain ? fmt(r.ops / jain.ops, 2) : '-'} |`);
}

const convert = rows.filter((r) => r.name.startsWith('siprtcParseConvertWrite'));
const worst = convert.reduce((a, b) => (a.ops <= b.ops ? a : b), convert[0]);
const verdict = [];
if (worst) {
  const vsSt = worst.ops / st.ops;
  verdict.push(`- SIPRTC parse + convert + write (slower profile, ${worst.op.match(/profile ([\w-]+)/)[1]}) vs sdp-transform parse + write: `
    + `**${fmt(vsSt, 2)}×** (target ≥ 3×: ${vsSt >= 3 ? 'met' : 'NOT met'})`);
  if (jain) {
    const vsJ = worst.ops / jain.ops;
    verdict.push(`- SIPRTC parse + convert + write (same) vs javax.sdp parse + toString: **${fmt(vsJ, 2)}×** `
      + `(target > 1×: ${vsJ > 1 ? 'met' : 'NOT met'})`);
    if (byName.siprtcParseWrite) {
      verdict.push(`- like for like, SIPRTC parse + write vs javax.sdp parse + toString: `
        + `**${fmt(byName.siprtcParseWrite.ops / jain.ops, 2)}×**; vs sdp-transform: **${fmt(byName.siprtcParseWrite.ops / st.ops, 2)}×**`);
    }
  }
}

let loadLine = `before ${args['load-before']}, after ${args['load-after']} (1, 5, 15 min)`;
if (args['load-samples'] && fs.existsSync(args['load-samples'])) {
  const one = fs.readFileSync(args['load-samples'], 'utf8').trim().split('\n').filter(Boolean)
    .map((l) => Number(l.split(' ')[0]));
  if (one.length) {
    const mean = one.reduce((a, b) => a + b, 0) / one.length;
    loadLine += `; 1-min load during the run: mean ${mean.toFixed(2)}, min ${Math.min(...one).toFixed(2)}, `
      + `max ${Math.max(...one).toFixed(2)} (${one.length} samples every 5 s)`;
  }
}
const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
const j = jmh[0] || {};
const text = [
  '# SDP benchmark results',
  '',
  `Written by \`${args.command}\` (from the repository root). Raw output: \`bundles/sdp/target/bench/results/\`.`,
  '',
  `- Date: ${args.date || new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
  `- Input: \`${args.file}\` (${fmt(nodeRes.chars)} characters), the same text for every row; every row is SDP text in, SDP text out.`,
  `- Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${os.type()} ${os.release()}`,
  `- Load average: ${loadLine}. The benchmark's own thread adds about 1 to the load; the machine (2 cores) is shared, and figures taken under more load are lower and noisier.`,
  `- Java: ${j.vmName || ''} ${j.jdkVersion || ''} (${j.vmVersion || ''}); node ${nodeRes.node}`,
  `- Settings: ${args.settings}`,
  '',
  ...table,
  '',
  ...verdict,
  '',
].join('\n');
process.stdout.write('\n' + text);
fs.writeFileSync(args.out, text);
