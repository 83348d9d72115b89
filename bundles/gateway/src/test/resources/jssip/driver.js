/*
 * SIPRTC test peer driver (see JsSipPeer.java): serves peer.html, peer.js and JsSIP on
 * 127.0.0.1, opens the page in one headless Chromium (Debian's, through playwright-core) and
 * relays between the Java test and the page:
 *   stdin:  one JSON command a line, {"id": n, "cmd": "...", ...}
 *   stdout: one JSON object a line: {"reply": n, "ok": true, ...result} or {"reply": n, "ok": false,
 *           "error": "..."}, and the page's events {"event": "...", ...}
 *   stderr: the log (the page's console included).
 * It ends when stdin closes or on SIGTERM, closing Chromium first.
 * argv[2]: JSON {"chromium": path, "userDataDir": dir, "args": [extra Chromium flags]}.
 */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const readline = require('readline');
const { chromium } = require('playwright-core');

const options = JSON.parse(process.argv[2]);
const started = Date.now();
const log = (...parts) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(3)}] ${parts.join(' ')}\n`);
const send = (object) => process.stdout.write(JSON.stringify(object) + '\n');

const FILES = {
  '/': [path.join(__dirname, 'peer.html'), 'text/html'],
  '/peer.js': [path.join(__dirname, 'peer.js'), 'application/javascript'],
  '/jssip.min.js': [require.resolve('jssip/dist/jssip.min.js'), 'application/javascript'],
};

let context = null;
let server = null;
let stopping = false;

async function stop(code) {
  if (stopping) {
    return;
  }
  stopping = true;
  log('stopping');
  try {
    if (context) {
      await context.close();
    }
  } catch (e) {
    log('closing chromium: ' + e);
  }
  if (server) {
    server.close();
  }
  process.exit(code);
}

async function main() {
  server = http.createServer((req, res) => {
    const file = FILES[req.url.split('?')[0]];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' });
    res.end(fs.readFileSync(file[0]));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  log('serving the page on ' + base);

  context = await chromium.launchPersistentContext(options.userDataDir, {
    executablePath: options.chromium,
    headless: true,
    args: options.args,
    env: { ...process.env, TZ: 'UTC' },
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => log('[page ' + m.type() + '] ' + m.text()));
  page.on('pageerror', (e) => log('[page error] ' + (e.stack || e)));
  page.on('crash', () => {
    log('the page crashed');
    send({ event: 'crashed' });
  });
  context.on('close', () => {
    if (!stopping) {
      log('chromium went away');
      send({ event: 'crashed' });
      stop(3);
    }
  });
  await page.exposeFunction('siprtcEmit', (event) => send(event));
  await page.goto(base + '/');

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', async (line) => {
    if (!line.trim()) {
      return;
    }
    let command;
    try {
      command = JSON.parse(line);
    } catch (e) {
      send({ event: 'badCommand', error: String(e) });
      return;
    }
    try {
      const result = await page.evaluate((c) => window.peer.command(c), command);
      send({ ...(result || {}), reply: command.id, ok: true });
    } catch (e) {
      log('command ' + command.cmd + ' failed: ' + (e.stack || e));
      send({ reply: command.id, ok: false, error: String(e.message || e).split('\n')[0] });
    }
  });
  lines.on('close', () => stop(0));
  send({ event: 'ready', page: base });
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
main().catch((e) => {
  log('driver failed: ' + (e.stack || e));
  send({ event: 'failed', error: String(e.message || e).split('\n')[0] });
  stop(2);
});
