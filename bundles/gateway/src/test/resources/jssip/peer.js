/*
 * SIPRTC test peer: one JsSIP user agent in a Chromium page (see JsSipPeer.java, driver.js).
 *
 * Its microphone is a WebAudio oscillator (MediaStreamAudioDestinationNode); what it receives is
 * analysed in the page: the dominant frequency (AnalyserNode FFT), the first audio with signal and
 * DTMF heard in the audio (Goertzel, in an AudioWorklet). Commands come from the driver
 * (window.peer.command); events go back through window.siprtcEmit, one JSON object each, flat
 * (strings, numbers, booleans) so the Java side can read them without a JSON library.
 *
 * ICE: JsSIP sends its SDP only when gathering ends, which it may never do when only loopback is
 * usable; the session's 'icecandidate' handler ends the wait at the first IPv4 UDP host candidate
 * (or 500 ms after the first candidate of any kind), and its 'sdp' handler makes the SDP name
 * 127.0.0.1 only (loopbackOnly), so nothing but loopback is offered. No STUN/TURN server.
 */
'use strict';
(function () {
  const SIGNAL_THRESHOLD = 1000 / 32768; // as SIPRTC's ToneAnalyzer: peak of a 16-bit sample
  const now = () => performance.timeOrigin + performance.now();
  const emit = (event) => {
    event.at = now();
    window.siprtcEmit(event);
  };

  let config;
  let ua;
  let session = null;
  let ctx;
  let outStream;
  let analyser;
  let probe = null;
  let remoteSource = null;
  let remoteAudio = null;
  let callStartedAt = 0;
  let firstAudioAt = 0;
  let heardDtmf = '';
  let droppedCandidates = 0;

  // The AudioWorklet: first sample above the threshold, and DTMF digits found by Goertzel over
  // 20 ms windows every 10 ms (a digit needs both of its frequencies to carry most of the window's
  // energy, each well above the other frequencies of its group); a digit is reported when it
  // starts. The far end's single test tone never has energy in both groups.
  const PROBE = `
class SiprtcProbe extends AudioWorkletProcessor {
  constructor() {
    super();
    this.signal = false;
    this.N = Math.round(sampleRate / 50);
    this.hop = this.N / 2;
    this.buf = new Float32Array(this.N);
    this.n = 0;
    this.fresh = 0;
    this.freqs = [697, 770, 852, 941, 1209, 1336, 1477, 1633];
    this.keys = ['123A', '456B', '789C', '*0#D'];
    this.digit = null;
    this.quiet = 0;
  }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (!ch) return true;
    for (let i = 0; i < ch.length; i++) {
      const x = ch[i];
      if (!this.signal && Math.abs(x) >= ${SIGNAL_THRESHOLD}) {
        this.signal = true;
        this.port.postMessage({ type: 'signal' });
      }
      this.buf[this.n] = x;
      this.n = (this.n + 1) % this.N;
      if (++this.fresh === this.hop) {
        this.fresh = 0;
        this.window();
      }
    }
    return true;
  }
  power(f) {
    const k = 2 * Math.cos(2 * Math.PI * f / sampleRate);
    let s1 = 0, s2 = 0;
    for (let i = 0; i < this.N; i++) {
      const s0 = this.buf[(this.n + i) % this.N] + k * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - k * s1 * s2;
  }
  window() {
    let energy = 0;
    for (let i = 0; i < this.N; i++) energy += this.buf[i] * this.buf[i];
    let digit = null;
    if (energy / this.N > 1e-5) {
      const r = this.freqs.map((f) => 2 * this.power(f) / (this.N * energy));
      const best = (from) => {
        let b = from;
        for (let i = from; i < from + 4; i++) if (r[i] > r[b]) b = i;
        let second = 0;
        for (let i = from; i < from + 4; i++) if (i !== b) second = Math.max(second, r[i]);
        return { i: b, r: r[b], second };
      };
      const low = best(0), high = best(4);
      if (low.r > 0.15 && high.r > 0.15 && low.r + high.r > 0.6 && low.r > 3 * low.second && high.r > 3 * high.second) {
        digit = this.keys[low.i][high.i - 4];
      }
    }
    // A digit counts once: again only after 30 ms (3 windows) without it, so a window that misses
    // in the middle of a tone does not make two.
    if (digit !== null && (digit !== this.digit || this.quiet >= 3)) {
      this.port.postMessage({ type: 'dtmf', digit });
      this.digit = digit;
    }
    this.quiet = digit !== null && digit === this.digit ? 0 : this.quiet + 1;
  }
}
registerProcessor('siprtc-probe', SiprtcProbe);
`;

  async function init(c) {
    config = c;
    if (c.debug) {
      JsSIP.debug.enable('JsSIP:*');
    } else {
      JsSIP.debug.disable();
    }
    ctx = new AudioContext({ sampleRate: 48000 });
    await ctx.resume();
    const url = URL.createObjectURL(new Blob([PROBE], { type: 'application/javascript' }));
    await ctx.audioWorklet.addModule(url);
    const osc = new OscillatorNode(ctx, { frequency: c.toneHz });
    const level = new GainNode(ctx, { gain: 0.5 });
    const dest = new MediaStreamAudioDestinationNode(ctx, { channelCount: 1 });
    osc.connect(level).connect(dest);
    osc.start();
    outStream = dest.stream;
    analyser = new AnalyserNode(ctx, { fftSize: 8192, smoothingTimeConstant: 0 });
    // Pull the analysis through the graph without making a sound.
    const sink = new GainNode(ctx, { gain: 0 });
    analyser.connect(sink).connect(ctx.destination);

    const socket = new JsSIP.WebSocketInterface(c.wsUri);
    ua = new JsSIP.UA({
      sockets: [socket],
      uri: c.uri,
      password: c.password,
      display_name: c.displayName || undefined,
      register: false,
      register_expires: 600,
      session_timers: false,
      user_agent: 'JsSIP ' + JsSIP.version + ' (SIPRTC test peer)',
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 2,
    });
    ua.on('connected', () => emit({ event: 'connected' }));
    ua.on('disconnected', (e) => emit({ event: 'disconnected', error: !!(e && e.error) }));
    ua.on('registered', () => emit({ event: 'registered' }));
    ua.on('unregistered', () => emit({ event: 'unregistered' }));
    ua.on('registrationFailed', (e) => emit({ event: 'registrationFailed', cause: String(e.cause),
      status: e.response ? e.response.status_code : 0 }));
    ua.on('newRTCSession', (e) => {
      if (e.originator !== 'remote') {
        return;
      }
      if (session && !session.isEnded()) {
        e.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
        return;
      }
      session = e.session;
      reset();
      const h = handlers();
      for (const name of Object.keys(h)) {
        session.on(name, h[name]);
      }
      emit({ event: 'incoming', from: session.remote_identity.uri.toString(),
        display: session.remote_identity.display_name || '' });
      if (config.autoAnswer) {
        session.answer(callOptions());
      }
    });
    const connected = new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no WebSocket connection to ' + c.wsUri + ' within 5 s')), 5000);
      ua.once('connected', () => { clearTimeout(t); resolve(); });
    });
    ua.start();
    await connected;
    return { jssip: JsSIP.version, userAgent: navigator.userAgent, sampleRate: ctx.sampleRate };
  }

  function reset() {
    callStartedAt = 0;
    firstAudioAt = 0;
    heardDtmf = '';
    droppedCandidates = 0;
    if (probe) {
      probe.disconnect();
      probe = null;
    }
    if (remoteSource) {
      remoteSource.disconnect();
      remoteSource = null;
    }
    if (remoteAudio) {
      remoteAudio.srcObject = null;
      remoteAudio = null;
    }
  }

  /** Sends the received stream into the analysis (an <audio> element too: Chromium feeds WebAudio from a remote track only then). */
  function hear(stream) {
    if (remoteSource) {
      remoteSource.disconnect();
    }
    remoteAudio = new Audio();
    remoteAudio.muted = true;
    remoteAudio.srcObject = stream;
    remoteAudio.play().catch((e) => console.warn('remote audio element: ' + e));
    remoteSource = ctx.createMediaStreamSource(stream);
    probe = new AudioWorkletNode(ctx, 'siprtc-probe');
    probe.port.onmessage = (m) => {
      if (m.data.type === 'signal' && !firstAudioAt) {
        firstAudioAt = now();
        emit({ event: 'firstAudio', firstAudioAt, callStartedAt });
      } else if (m.data.type === 'dtmf') {
        heardDtmf += m.data.digit;
        emit({ event: 'dtmf', originator: 'remote', tone: m.data.digit, via: 'RFC 4733 (heard in the audio)' });
      }
    };
    remoteSource.connect(analyser);
    remoteSource.connect(probe);
    const sink = new GainNode(ctx, { gain: 0 });
    probe.connect(sink).connect(ctx.destination);
  }

  /**
   * Makes the SDP name 127.0.0.1 only. Chromium without media permission (the page never calls
   * getUserMedia) does not enumerate interfaces: its sockets are bound to the any-address and its
   * host candidates carry the default route's address (IPv4 and IPv6), so a socket is reached at
   * 127.0.0.1 and its port too: the IPv4 UDP host candidates are rewritten to 127.0.0.1, every other
   * candidate (IPv6, TCP) dropped, and c=/m= point at the first kept one. When Chromium did
   * enumerate (media permission granted), its sockets are bound to each address: then only the
   * 127.0.0.1 candidates are kept.
   */
  function loopbackOnly(sdp) {
    const lines = sdp.split('\r\n');
    const enumerated = lines.some((l) => l.startsWith('a=candidate:') && l.split(' ')[4] === '127.0.0.1');
    const out = [];
    let first = null;
    for (const l of lines) {
      if (l.startsWith('a=candidate:')) {
        const p = l.split(' ');
        const ipv4 = /^\d+\.\d+\.\d+\.\d+$/.test(p[4]);
        const keep = p[2].toLowerCase() === 'udp' && p[7] === 'host' && (enumerated ? p[4] === '127.0.0.1' : ipv4);
        if (!keep) {
          droppedCandidates++;
          continue;
        }
        p[4] = '127.0.0.1';
        if (!first) {
          first = p[5];
        }
        out.push(p.join(' '));
        continue;
      }
      out.push(l);
    }
    // c= and m= name the default candidate: the first kept one, or nothing (0.0.0.0, port 9).
    let media = false;
    for (let i = 0; i < out.length; i++) {
      if (out[i].startsWith('m=')) {
        media = out[i].startsWith('m=audio ');
        if (media) {
          const p = out[i].split(' ');
          p[1] = first === null ? '9' : first;
          out[i] = p.join(' ');
        }
      } else if (out[i].startsWith('c=IN ') && (media || !out.slice(0, i).some((x) => x.startsWith('m=')))) {
        out[i] = first === null ? 'c=IN IP4 0.0.0.0' : 'c=IN IP4 127.0.0.1';
      }
    }
    return out.join('\r\n');
  }

  function handlers() {
    let fallback = null;
    return {
      peerconnection: (e) => {
        const pc = e.peerconnection;
        pc.addEventListener('track', (t) => hear(t.streams && t.streams[0] ? t.streams[0] : new MediaStream([t.track])));
        pc.addEventListener('icecandidate', (c) => emit({ event: 'candidate', candidate: c.candidate ? c.candidate.candidate : '' }));
        pc.addEventListener('connectionstatechange', () => emit({ event: 'connection', state: pc.connectionState }));
      },
      icecandidate: (e) => {
        const c = e.candidate;
        if (c.protocol === 'udp' && c.type === 'host' && /^\d+\.\d+\.\d+\.\d+$/.test(c.address || '')) {
          e.ready(); // the first IPv4 host candidate: enough on loopback
        } else if (!fallback) {
          fallback = setTimeout(e.ready, 500);
        }
      },
      sdp: (e) => {
        if (e.originator === 'local') {
          e.sdp = loopbackOnly(e.sdp);
          if (fallback) {
            clearTimeout(fallback);
            fallback = null;
          }
        }
        emit({ event: 'sdp', originator: e.originator, type: e.type, sdp: e.sdp, dropped: droppedCandidates });
      },
      progress: (e) => emit({ event: 'progress', originator: e.originator, status: e.response ? e.response.status_code : 0 }),
      accepted: (e) => emit({ event: 'accepted', originator: e.originator }),
      confirmed: (e) => emit({ event: 'confirmed', originator: e.originator }),
      ended: (e) => emit({ event: 'ended', phase: 'ended', originator: e.originator, cause: String(e.cause),
        status: e.message && e.message.status_code ? e.message.status_code : 0,
        method: e.message && e.message.method ? e.message.method : '' }),
      failed: (e) => emit({ event: 'ended', phase: 'failed', originator: e.originator, cause: String(e.cause),
        status: e.message && e.message.status_code ? e.message.status_code : 0,
        method: e.message && e.message.method ? e.message.method : '' }),
      hold: (e) => emit({ event: 'hold', originator: e.originator }),
      unhold: (e) => emit({ event: 'unhold', originator: e.originator }),
      newDTMF: (e) => {
        if (e.originator === 'remote') {
          emit({ event: 'dtmf', originator: 'remote', tone: String(e.dtmf.tone), via: 'INFO' });
        }
      },
      reinvite: () => emit({ event: 'reinvite' }),
    };
  }

  const callOptions = () => ({
    mediaStream: outStream,
    pcConfig: { iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' },
    rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
  });

  function live() {
    if (!session || session.isEnded()) {
      throw new Error('no call');
    }
    return session;
  }

  async function stats() {
    const s = { packetsSent: 0, packetsReceived: 0, bytesReceived: 0, packetsLost: 0, jitter: 0, codec: '',
      pair: '', toneHz: dominantHz(), firstAudioAt, callStartedAt, heardDtmf, droppedCandidates,
      state: session ? (session.isEnded() ? 'ended' : session.isEstablished() ? 'established' : 'early') : 'none',
      localHold: session ? session.isOnHold().local : false, remoteHold: session ? session.isOnHold().remote : false };
    const pc = session && session.connection;
    if (!pc) {
      return s;
    }
    const report = await pc.getStats();
    const byId = new Map();
    report.forEach((r) => byId.set(r.id, r));
    report.forEach((r) => {
      if (r.type === 'outbound-rtp' && r.kind === 'audio') {
        s.packetsSent += r.packetsSent || 0;
      } else if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        s.packetsReceived += r.packetsReceived || 0;
        s.bytesReceived += r.bytesReceived || 0;
        s.packetsLost += r.packetsLost || 0;
        s.jitter = r.jitter || 0;
        const codec = r.codecId && byId.get(r.codecId);
        if (codec) {
          s.codec = codec.mimeType + '/' + codec.clockRate + (codec.channels ? '/' + codec.channels : '');
        }
      } else if (r.type === 'transport' && r.selectedCandidatePairId) {
        const p = byId.get(r.selectedCandidatePairId);
        const l = p && byId.get(p.localCandidateId);
        const m = p && byId.get(p.remoteCandidateId);
        if (l && m) {
          s.pair = l.candidateType + ' ' + (l.address || '') + ':' + l.port + ' <-> ' + m.candidateType + ' ' + (m.address || '') + ':' + m.port
            + ' ' + l.protocol;
        }
      }
    });
    return s;
  }

  /** The dominant frequency of the received audio (FFT, parabolic interpolation), 0 when silent. */
  function dominantHz() {
    if (!analyser || !remoteSource) {
      return 0;
    }
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const width = ctx.sampleRate / analyser.fftSize;
    let best = -1;
    for (let i = Math.ceil(50 / width); i < Math.min(bins.length - 1, 4000 / width); i++) {
      if (best < 0 || bins[i] > bins[best]) {
        best = i;
      }
    }
    if (best < 1 || bins[best] < -60) {
      return 0;
    }
    const a = bins[best - 1], b = bins[best], c = bins[best + 1];
    const d = a - 2 * b + c;
    const shift = d === 0 ? 0 : 0.5 * (a - c) / d;
    return Math.round((best + shift) * width * 10) / 10;
  }

  window.peer = {
    async command(c) {
      switch (c.cmd) {
        case 'init':
          return init(c);
        case 'register':
          ua.register();
          return {};
        case 'unregister':
          ua.unregister();
          return {};
        case 'call': {
          if (session && !session.isEnded()) {
            throw new Error('a call is up');
          }
          reset();
          const options = callOptions();
          options.eventHandlers = handlers();
          callStartedAt = now();
          session = ua.call(c.target, options);
          return { callStartedAt };
        }
        case 'answer':
          live().answer(callOptions());
          return {};
        case 'hangup':
          live().terminate();
          return {};
        case 'hold':
          return { ok: live().hold() };
        case 'unhold':
          return { ok: live().unhold() };
        case 'dtmf': {
          const sender = live().connection && live().connection.getSenders().find((x) => x.track && x.track.kind === 'audio');
          if (sender && sender.dtmf && !sender.dtmf.siprtcWatched) {
            sender.dtmf.siprtcWatched = true;
            sender.dtmf.addEventListener('tonechange', (t) => {
              if (t.tone) {
                emit({ event: 'dtmfSent', tone: t.tone, via: 'RFC 4733' });
              }
            });
          }
          live().sendDTMF(c.tones, { transportType: c.transport || 'RFC2833', duration: c.duration || 100,
            interToneGap: c.gap || 70 });
          return {};
        }
        case 'stats':
          return stats();
        case 'stop':
          if (session && !session.isEnded()) {
            session.terminate();
          }
          ua.stop();
          return {};
        default:
          throw new Error('unknown command ' + c.cmd);
      }
    },
  };
})();
