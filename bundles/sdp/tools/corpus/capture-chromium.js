// Headless Chromium (Debian's, fake devices) makes WebRTC offers and an answer; the SDP text of
// each is written byte for byte. Run with playwright-core installed (npm i playwright-core):
//   NODE_PATH=<dir>/node_modules node capture-chromium.js <out-dir>
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const http = require('http');
const out = process.argv[2] || '.';

(async () => {
  // getUserMedia needs a secure context: a page from http://127.0.0.1 is one.
  const server = http.createServer((q, r) => { r.setHeader('Content-Type', 'text/html'); r.end('<html></html>'); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('http://127.0.0.1:' + server.address().port + '/');
    const result = await page.evaluate(async () => {
      const gathered = (pc) => new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        const t = setTimeout(resolve, 3000); // bounded: loopback-only gathering may not complete
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') { clearTimeout(t); resolve(); }
        });
      });
      const offer = async (constraints) => {
        const pc = new RTCPeerConnection();
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        stream.getTracks().forEach((t) => pc.addTrack(t, stream));
        await pc.setLocalDescription(await pc.createOffer());
        await gathered(pc);
        return { pc, sdp: pc.localDescription.sdp };
      };
      const audio = await offer({ audio: true });
      const av = await offer({ audio: true, video: true });
      const answerer = new RTCPeerConnection();
      const s = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      s.getTracks().forEach((t) => answerer.addTrack(t, s));
      await answerer.setRemoteDescription({ type: 'offer', sdp: av.sdp });
      await answerer.setLocalDescription(await answerer.createAnswer());
      await gathered(answerer);
      const r = { audio: audio.sdp, av: av.sdp, answer: answerer.localDescription.sdp, ua: navigator.userAgent };
      [audio.pc, av.pc, answerer].forEach((pc) => pc.close());
      return r;
    });
    fs.writeFileSync(path.join(out, 'chromium-audio-offer.sdp'), result.audio);
    fs.writeFileSync(path.join(out, 'chromium-audio-video-offer.sdp'), result.av);
    fs.writeFileSync(path.join(out, 'chromium-audio-video-answer.sdp'), result.answer);
    console.log(result.ua);
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
